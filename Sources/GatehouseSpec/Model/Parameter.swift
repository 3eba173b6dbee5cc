public import GatehouseJSON

/// A parameter with its serialization defaults filled in, as the specification defines them.
public struct Parameter: Sendable, Hashable {
    public var name: String
    public var location: ParameterLocation
    public var required: Bool
    public var deprecated: Bool
    public var allowEmptyValue: Bool
    public var allowReserved: Bool
    /// The declared style, or the default for the location (`form` for query and cookie, `simple` for path and
    /// header).
    public var style: ParameterStyle
    /// The declared `explode`, or its default (true for `form`, false otherwise).
    public var explode: Bool
    /// Set when the parameter is described by a schema; `content` is used otherwise.
    public var schema: SchemaReference?
    /// At most one entry, when the parameter is described by a media type instead of a schema.
    public var content: [MediaType]
    public var description: String?
    public var example: JSONValue?
    public var examples: [Example]
    public var extensions: JSONObject
    /// Where the parameter object is (after following a `$ref`).
    public var address: NodeAddress
    /// Where it is listed (`…/parameters/0`), which may be a `$ref`.
    public var declaredAt: NodeAddress

    /// The key that identifies a parameter within an operation.
    public var identity: ParameterIdentity { ParameterIdentity(name: name, location: location) }
}

/// Name and location: what makes two parameter declarations the same parameter. Header names compare
/// case-insensitively, as HTTP does.
public struct ParameterIdentity: Sendable, Hashable {
    public var name: String
    public var location: ParameterLocation

    public init(name: String, location: ParameterLocation) {
        self.name = location == .header ? name.lowercased() : name
        self.location = location
    }
}

public enum ParameterLocation: String, Sendable, Hashable, CaseIterable {
    case query
    case header
    case path
    case cookie

    public var defaultStyle: ParameterStyle {
        switch self {
        case .query, .cookie: return .form
        case .path, .header: return .simple
        }
    }
}

public enum ParameterStyle: String, Sendable, Hashable, CaseIterable {
    case matrix
    case label
    case simple
    case form
    case spaceDelimited
    case pipeDelimited
    case deepObject

    public var defaultExplode: Bool { self == .form }
}
