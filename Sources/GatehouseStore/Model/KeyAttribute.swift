/// A key attribute: its name and scalar type.
public struct KeyAttribute: Sendable, Hashable {
    /// The attribute's name in the item.
    public var name: String
    /// The attribute's scalar type.
    public var type: KeyType

    /// A key attribute named `name` of type `type`.
    public init(_ name: String, _ type: KeyType) {
        self.name = name
        self.type = type
    }
}

/// The scalar type of a key attribute.
///
/// Numbers sort numerically (2 before 10), strings by their UTF-8 bytes, binary values by their bytes. A binary key
/// appears in an item as a base64 string.
public enum KeyType: String, Sendable, Hashable, CaseIterable {
    /// A UTF-8 string, ordered by its bytes.
    case string
    /// A JSON number, ordered numerically.
    case number
    /// Bytes, written as base64 in items, ordered by the bytes.
    case binary
}
