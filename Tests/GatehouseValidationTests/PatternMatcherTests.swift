import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// `pattern` follows ECMA-262: unanchored search, ASCII `\d` and `\w`, Unicode property classes, quantifiers; the
/// DFA fast path and the Pike VM agree, and non-ASCII input takes the VM.
struct PatternMatcherTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var pattern: String
        var matching: [String]
        var failing: [String]
        var testDescription: String { pattern }
    }

    @Test(arguments: [
        Row(pattern: "^[A-Za-z0-9._-]+$", matching: ["project_0.server", "a-b"], failing: ["", "a b", "é"]),
        Row(pattern: "^[a-z0-9][a-z0-9-]*$", matching: ["a", "a-1"], failing: ["-a", "A"]),
        Row(pattern: "b+c", matching: ["abbbcd", "bc"], failing: ["ac", "b c"]),
        Row(
            pattern: "^\\d{3}-\\d{2,4}$", matching: ["123-45", "123-4567"], failing: ["123-4", "123-45678", "١٢٣-45"]),
        Row(pattern: "^\\w+$", matching: ["snake_case9"], failing: ["kebab-case", "ünïcode"]),
        Row(pattern: "^\\p{L}+$", matching: ["Grüße", "日本"], failing: ["abc1"]),
        Row(pattern: "^(cat|dog)s?$", matching: ["cat", "dogs"], failing: ["cats!", "bird"]),
        Row(pattern: "colou?r\\b", matching: ["the color red", "colour"], failing: ["colors"]),
        Row(pattern: "^a.c$", matching: ["abc", "a☃c"], failing: ["a\nc", "ac"]),
        Row(pattern: "^[^0-9]*$", matching: ["", "abc"], failing: ["a1"]),
        Row(pattern: "x{2}$", matching: ["axx", "xxx"], failing: ["x", "xxa"]),
        Row(pattern: "^(?!admin).*$", matching: ["user"], failing: ["administrator"]),
    ])
    func matchesLikeECMAScript(_ row: Row) throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            .object(JSONObject(["pattern": .string(row.pattern)])))
        for text in row.matching { #expect(schema.isValid(.string(text)), "'\(row.pattern)' should match '\(text)'") }
        for text in row.failing {
            #expect(!schema.isValid(.string(text)), "'\(row.pattern)' should not match '\(text)'")
        }
    }

    @Test func asciiAndUnicodeInputsAgree() throws {
        // The same pattern on the DFA (ASCII input) and on the Pike VM (the same text with a non-ASCII suffix that
        // the pattern ignores) gives the same answer.
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            .object(JSONObject(["pattern": .string("^(ab|a)(bc|c)*d?")])))
        for text in ["abc", "ab", "a", "abcbcd", "b", "", "xabc"] {
            #expect(schema.isValid(.string(text)) == schema.isValid(.string(text + "é")), "\(text)")
        }
    }
}
