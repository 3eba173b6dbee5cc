import GatehouseJSON
import GatehouseSpec

/// The call of an operation through the generated Swift client: `try await client.createTodo(.init(…))`, one
/// method per operation named after its id in lowerCamelCase, with a typed input holding the parameters (by their
/// lowerCamelCase names) and the body.
///
/// Kept in one place so that it follows the Swift client generator's naming if that changes.
struct SwiftClientSnippet {
    var operation: Operation
    var parameterValues: [ParameterIdentity: JSONValue]
    var body: JSONValue?

    var text: String {
        var arguments: [String] = []
        for parameter in operation.parameters where parameter.required || parameter.location == .path {
            let value = parameterValues[parameter.identity].map { Self.literal($0, depth: 1) } ?? "…"
            arguments.append(Self.lowerCamelCase(parameter.name) + ": " + value)
        }
        if let body {
            arguments.append("body: .json(" + Self.literal(body, depth: 1) + ")")
        }
        let method = Self.lowerCamelCase(operation.id)
        guard !arguments.isEmpty else { return "let response = try await client.\(method)()" }
        let input = ".init(" + arguments.joined(separator: ", ") + ")"
        if input.count < 70 { return "let response = try await client.\(method)(\(input))" }
        return "let response = try await client.\(method)(\n    .init(\n        "
            + arguments.joined(separator: ",\n        ") + "\n    )\n)"
    }

    /// A Swift expression for a JSON example: objects become `.init(…)` of their generated model types.
    static func literal(_ value: JSONValue, depth: Int) -> String {
        guard depth <= 4 else { return "…" }
        switch value {
        case .null: return "nil"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return number.description
        case .string(let string):
            var escaped = ""
            for character in string.prefix(200) {
                switch character {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\t": escaped += "\\t"
                default: escaped.append(character)
                }
            }
            return "\"" + escaped + (string.count > 200 ? "…" : "") + "\""
        case .array(let values):
            let items = values.prefix(3).map { literal($0, depth: depth + 1) }
            return "[" + items.joined(separator: ", ") + (values.count > 3 ? ", …" : "") + "]"
        case .object(let object):
            let members = object.prefix(6).map { lowerCamelCase($0.key) + ": " + literal($0.value, depth: depth + 1) }
            return ".init(" + members.joined(separator: ", ") + (object.count > 6 ? ", …" : "") + ")"
        }
    }

    /// `list-id` → `listId`, `X-Request-ID` → `xRequestID`, `meta/root` → `metaRoot`; a leading digit gets `_`.
    static func lowerCamelCase(_ name: String) -> String {
        let words = name.split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        guard let first = words.first else { return "_" }
        var result = first.prefix(1).lowercased() + first.dropFirst()
        if first.allSatisfy({ $0.isUppercase || $0.isNumber }) { result = first.lowercased() }
        for word in words.dropFirst() {
            result += word.prefix(1).uppercased() + word.dropFirst()
        }
        if result.first?.isNumber ?? false { result = "_" + result }
        return result
    }
}
