public import GatehouseJSON

/// A request body.
public struct RequestBody: Sendable, Hashable {
    public var description: String?
    public var required: Bool
    /// Media types in document order.
    public var content: [MediaType]
    public var extensions: JSONObject
    public var address: NodeAddress
}

/// A response for one status (or range, or `default`).
public struct Response: Sendable, Hashable {
    public var status: ResponseStatus
    public var description: String
    public var headers: [Header]
    public var content: [MediaType]
    /// Link names, with the link objects kept raw.
    public var links: JSONObject
    public var extensions: JSONObject
    public var address: NodeAddress
}

/// The key of a response: an exact code, a range such as `2XX`, or `default`.
public enum ResponseStatus: Sendable, Hashable, Comparable, CustomStringConvertible {
    case code(Int)
    /// `2XX` is `.range(2)`.
    case range(Int)
    case `default`

    /// Parses a response key; nil when it is none of the three forms.
    public init?(_ key: String) {
        if key == "default" {
            self = .default
        } else if key.count == 3, let first = key.first?.wholeNumberValue, (1...5).contains(first),
            key.dropFirst().uppercased() == "XX"
        {
            self = .range(first)
        } else if key.count == 3, let code = Int(key), (100...599).contains(code) {
            self = .code(code)
        } else {
            return nil
        }
    }

    /// True for 2XX codes and the 2XX range.
    public var isSuccess: Bool {
        switch self {
        case .code(let code): return (200...299).contains(code)
        case .range(let range): return range == 2
        case .default: return false
        }
    }

    public func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let code): return code == status
        case .range(let range): return status / 100 == range
        case .default: return true
        }
    }

    public var description: String {
        switch self {
        case .code(let code): return String(code)
        case .range(let range): return "\(range)XX"
        case .default: return "default"
        }
    }

    /// Exact codes first (ascending), then ranges, then default: the order in which a status is looked up.
    public static func < (lhs: ResponseStatus, rhs: ResponseStatus) -> Bool {
        switch (lhs, rhs) {
        case (.code(let l), .code(let r)): return l < r
        case (.code, _): return true
        case (.range(let l), .range(let r)): return l < r
        case (.range, .default): return true
        default: return false
        }
    }
}

/// A response header.
public struct Header: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var required: Bool
    public var deprecated: Bool
    public var explode: Bool
    public var schema: SchemaReference?
    public var content: [MediaType]
    public var example: JSONValue?
    public var examples: [Example]
    public var extensions: JSONObject
    public var address: NodeAddress
}

/// One media type of a body: its schema, examples and encodings.
public struct MediaType: Sendable, Hashable {
    /// The key as written, e.g. `application/json` or `application/*+json`.
    public var name: String
    /// The parsed name; nil when it is malformed (the `media-type` rule reports it).
    public var mediaType: MediaTypeName?
    public var schema: SchemaReference?
    public var example: JSONValue?
    public var examples: [Example]
    /// Encoding objects by property name, kept raw for the body decoders.
    public var encoding: JSONObject
    public var extensions: JSONObject
    public var address: NodeAddress
}

/// A named example (or the single `example` value, named `default`).
public struct Example: Sendable, Hashable {
    public var name: String
    public var summary: String?
    public var description: String?
    public var value: JSONValue?
    public var externalValue: String?
    /// Where the value is (the `example` member, or the example object's `value`).
    public var address: NodeAddress
}
