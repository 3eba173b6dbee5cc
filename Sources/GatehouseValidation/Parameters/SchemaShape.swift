import GatehouseJSON
import GatehouseSpec

/// What a decoder needs to know about a schema to turn strings into typed JSON: which JSON types it allows, the
/// shape of its items and properties, and its `xml` hints.
///
/// It is deliberately not a validator: the schema compiler checks the decoded value; this only guides decoding, so it
/// may over-approximate (a `oneOf` contributes the union of its branches).
struct SchemaShape: Sendable, Hashable {
    /// JSON types a schema allows; the empty set means unconstrained.
    struct Types: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let string = Types(rawValue: 1 << 0)
        static let integer = Types(rawValue: 1 << 1)
        static let number = Types(rawValue: 1 << 2)
        static let boolean = Types(rawValue: 1 << 3)
        static let null = Types(rawValue: 1 << 4)
        static let array = Types(rawValue: 1 << 5)
        static let object = Types(rawValue: 1 << 6)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init?(name: String) {
            switch name {
            case "string": self = .string
            case "integer": self = .integer
            case "number": self = .number
            case "boolean": self = .boolean
            case "null": self = .null
            case "array": self = .array
            case "object": self = .object
            default: return nil
            }
        }

        init(of value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool: self = .boolean
            case .number(let number): self = number.isInteger ? [.integer, .number] : .number
            case .string: self = .string
            case .array: self = .array
            case .object: self = .object
            }
        }
    }

    /// The `xml` object of a schema.
    struct XMLHints: Sendable, Hashable {
        var name: String?
        var attribute = false
        var wrapped = false
    }

    struct Property: Sendable, Hashable {
        var name: String
        var shape: SchemaShape
    }

    var types: Types = []
    var format: String?
    var contentEncoding: String?
    var contentMediaType: String?
    /// The `items` schema, when there is one (an array of zero or one element, so the struct can nest).
    var items: [SchemaShape] = []
    var properties: [Property] = []
    /// The `additionalProperties` schema, when it is a schema object.
    var additionalProperties: [SchemaShape] = []
    var xml = XMLHints()
    /// The component name when the schema was reached through `#/components/schemas/<name>` (XML's default name).
    var componentName: String?

    var itemShape: SchemaShape { items.first ?? SchemaShape() }

    func property(_ name: String) -> SchemaShape? {
        properties.first { $0.name == name }?.shape
    }

    /// The shape of the member `name` of an object: its property schema, else `additionalProperties`.
    func member(_ name: String) -> SchemaShape {
        property(name) ?? additionalProperties.first ?? SchemaShape()
    }

    /// How the value is serialized in a parameter: arrays and objects have their own encodings, all else is one string.
    enum Kind: Sendable, Hashable {
        case primitive
        case array
        case object
    }

    var kind: Kind {
        if types.contains(.array) { return .array }
        if types.contains(.object) { return .object }
        return .primitive
    }

    /// True when the value is raw bytes rather than text (`format: binary`, or a 3.1 `contentMediaType` that is not
    /// text).
    var isBinary: Bool {
        if format == "binary" { return true }
        if let contentMediaType, contentEncoding == nil, !contentMediaType.lowercased().hasPrefix("text/") {
            return true
        }
        return false
    }

    /// Combines what two schemas that must both hold say (`allOf`, `$ref` with siblings).
    mutating func intersect(_ other: SchemaShape) {
        if types.isEmpty {
            types = other.types
        } else if !other.types.isEmpty {
            var both = types.intersection(other.types)
            // An integer is a number, so `number` and `integer` together mean integers.
            if types.contains(.integer) && other.types.contains(.number) { both.insert(.integer) }
            if other.types.contains(.integer) && types.contains(.number) { both.insert(.integer) }
            types = both
        }
        absorbDetails(of: other)
    }

    /// Combines alternatives (`oneOf`, `anyOf`): a value may take any branch's type.
    mutating func unite(_ alternatives: [SchemaShape]) {
        guard !alternatives.isEmpty else { return }
        let union =
            alternatives.contains { $0.types.isEmpty } ? [] : alternatives.reduce(Types()) { $0.union($1.types) }
        if types.isEmpty { types = union }
        for alternative in alternatives { absorbDetails(of: alternative) }
    }

    private mutating func absorbDetails(of other: SchemaShape) {
        format = format ?? other.format
        contentEncoding = contentEncoding ?? other.contentEncoding
        contentMediaType = contentMediaType ?? other.contentMediaType
        if items.isEmpty { items = other.items }
        for property in other.properties where self.property(property.name) == nil {
            properties.append(property)
        }
        if additionalProperties.isEmpty { additionalProperties = other.additionalProperties }
        if xml == XMLHints() { xml = other.xml }
        componentName = componentName ?? other.componentName
    }
}
