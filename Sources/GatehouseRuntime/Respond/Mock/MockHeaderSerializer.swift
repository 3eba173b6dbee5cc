import GatehouseJSON
import GatehouseSpec

/// Writes a header's value in the `simple` style, the only style OpenAPI allows for headers (RFC 6570 `{var}` and,
/// exploded, `{var*}`): `a,b,c` for arrays, `k,v,k,v` or `k=v,k=v` for objects, without percent-encoding, since
/// header values are read as they are.
enum MockHeaderSerializer {
    /// The header value, or nil when the value has no `simple` form (nested structures) or cannot be sent in a header
    /// (control characters, which would split or corrupt the response).
    static func simple(_ value: JSONValue, explode: Bool) -> String? {
        let text: String?
        switch value {
        case .array(let items):
            let parts = items.map(scalarText)
            text = parts.contains(nil) ? nil : parts.map { $0! }.joined(separator: ",")
        case .object(let object):
            var parts: [String] = []
            for member in object {
                guard let item = scalarText(member.value) else { return nil }
                parts.append(explode ? "\(member.key)=\(item)" : "\(member.key),\(item)")
            }
            text = parts.joined(separator: ",")
        default:
            text = scalarText(value)
        }
        return text.flatMap(sendable)
    }

    /// A header value written as a body of its `content` media type (JSON, compact), for headers declared that way.
    static func content(_ value: JSONValue) -> String? {
        sendable(JSONWriter.string(value))
    }

    /// The text of a primitive value; nil for arrays and objects.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .number(let number): return number.description
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return ""
        case .array, .object: return nil
        }
    }

    /// The text when it is a valid field value: no control characters but tab, no surrounding whitespace (which the
    /// reader would strip, changing the value).
    private static func sendable(_ text: String) -> String? {
        let forbidden = text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
        guard !forbidden, text.first?.isWhitespace != true, text.last?.isWhitespace != true else { return nil }
        return text
    }
}
