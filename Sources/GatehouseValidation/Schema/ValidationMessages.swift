import GatehouseJSON
import GatehouseSpec

/// How a value is named in messages: `a string 'abc'`, `an integer 5`, `an object`.
func describe(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return "a boolean \(flag)"
    case .number(let number): return number.isInteger ? "an integer \(number)" : "a number \(number)"
    case .string(let text): return "a string \(quote(text))"
    case .array(let elements): return elements.count == 1 ? "an array of 1 item" : "an array of \(elements.count) items"
    case .object: return "an object"
    }
}

/// `1 character`, `2 characters`: a count with its noun, singular for one.
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    count == 1 ? "1 \(noun)" : "\(count) \(plural ?? noun + "s")"
}

/// A string in single quotes, shortened when long so one bad value cannot flood a report.
func quote(_ text: String) -> String {
    if text.count <= 64 { return "'\(text)'" }
    return "'\(text.prefix(61))...'"
}

/// A value as it is written in a message: strings quoted, everything else as compact JSON.
func literal(_ value: JSONValue) -> String {
    if case .string(let text) = value { return quote(text) }
    let text = value.description
    return text.count <= 64 ? text : String(text.prefix(61)) + "..."
}

/// `'a', 'b' or 'c'` (at most ten, then a count).
func listing(_ values: [JSONValue]) -> String {
    var parts = values.prefix(10).map(literal)
    if values.count > 10 { parts.append("\(values.count - 10) more") }
    if parts.count <= 1 { return parts.first ?? "nothing" }
    return parts.dropLast().joined(separator: ", ") + " or " + parts[parts.count - 1]
}
