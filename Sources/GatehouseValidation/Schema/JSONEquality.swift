import GatehouseJSON
import GatehouseSpec

/// JSON Schema's equality: numbers by value (1 equals 1.0), objects regardless of member order, and strings by code
/// point, unlike Swift's `String ==`, which treats canonically equivalent strings ("é" and "e\u{301}") as equal.
func jsonEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.string(var left), .string(var right)):
        guard left.utf8.count == right.utf8.count else { return false }
        return left.withUTF8 { a in right.withUTF8 { b in a.elementsEqual(b) } }
    case (.array(let left), .array(let right)):
        guard left.count == right.count else { return false }
        for index in left.indices where !jsonEqual(left[index], right[index]) { return false }
        return true
    case (.object(let left), .object(let right)):
        guard left.count == right.count else { return false }
        for member in left.members {
            guard let other = right[member.key], jsonEqual(member.value, other) else { return false }
        }
        return true
    default:
        return lhs == rhs
    }
}
