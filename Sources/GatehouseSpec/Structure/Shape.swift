/// What one position of an OpenAPI document must hold: the value type of a field, a map entry or an array item.
///
/// Shapes describe structure only; `any` marks data (examples, defaults, enum values) that is never descended into,
/// so a `$ref` key inside an example stays data.
indirect enum Shape: Sendable {
    /// Data: any JSON value, not looked into.
    case any
    case string
    case boolean
    case number
    case nonNegativeInteger
    /// A string from a fixed set.
    case choice([String])
    /// An object of this type, written inline.
    case object(ObjectType)
    /// An object of this type or a Reference Object to one.
    case refable(ObjectType)
    /// A Schema Object: in 3.0 an object or a Reference Object; in 3.1 an object or a boolean, `$ref` being a keyword.
    case schema
    /// A schema or `true`/`false` (3.0 `additionalProperties`).
    case schemaOrBoolean
    /// JSON Schema 2020-12 `type`: one type name or an array of them.
    case schemaTypes
    case array(Shape, minItems: Int = 0)
    /// An object used as a map: every entry has the element shape and a key that `keys` accepts. Entries of a
    /// `memoized` map (the Components maps) are what `$ref`s usually point at, so they are recorded as checked.
    case map(Shape, keys: KeyRule = .any, memoized: Bool = false)

    /// Which keys a map or a patterned field accepts.
    enum KeyRule: Sendable {
        case any
        /// Paths Object keys: `/` first.
        case path
        /// Responses Object keys: a status code 100-599 or a range `1XX`-`5XX` (`default` is a fixed field).
        case statusCode
        /// Components Object keys: `^[a-zA-Z0-9.\-_]+$`.
        case componentName

        func accepts(_ key: String) -> Bool {
            switch self {
            case .any:
                return true
            case .path:
                return key.utf8.first == UInt8(ascii: "/")
            case .statusCode:
                let bytes = Array(key.utf8)
                guard bytes.count == 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[0]) else { return false }
                let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
                if bytes[1] == UInt8(ascii: "X") && bytes[2] == UInt8(ascii: "X") { return true }
                return digits.contains(bytes[1]) && digits.contains(bytes[2])
            case .componentName:
                return !key.isEmpty
                    && key.utf8.allSatisfy { byte in
                        switch byte {
                        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                            UInt8(ascii: "_"):
                            return true
                        default:
                            return false
                        }
                    }
            }
        }

        /// What an accepted key looks like, for messages.
        var expectation: String {
            switch self {
            case .any: return "a key"
            case .path: return "a path starting with '/'"
            case .statusCode: return "'default', a status code from 100 to 599 or a range from '1XX' to '5XX'"
            case .componentName: return "a component name matching '^[a-zA-Z0-9.\\-_]+$'"
            }
        }
    }
}

extension Shape {
    /// The object type that a checked node of this shape is recorded as.
    var checkedType: ObjectType? {
        switch self {
        case .object(let type), .refable(let type): return type
        case .schema, .schemaOrBoolean: return .schema
        default: return nil
        }
    }

    var isSchemaOrBoolean: Bool {
        if case .schemaOrBoolean = self { return true }
        return false
    }
}
