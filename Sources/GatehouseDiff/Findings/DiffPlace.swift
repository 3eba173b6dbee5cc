public import GatehouseJSON
public import GatehouseSpec

/// A place in one of the two documents: its location as printed and its pointer.
public struct DiffPlace: Sendable, Hashable {
    public var location: SourceLocation
    public var pointer: JSONPointer

    public init(location: SourceLocation, pointer: JSONPointer) {
        self.location = location
        self.pointer = pointer
    }
}
