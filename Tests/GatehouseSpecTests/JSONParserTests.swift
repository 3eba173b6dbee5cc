import GatehouseJSON
import Testing

@testable import GatehouseSpec

struct JSONParserTests {
    struct ValueCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: JSONValue
        var testDescription: String { text }
    }

    @Test(arguments: [
        ValueCase(text: "null", expected: .null),
        ValueCase(text: " true ", expected: .bool(true)),
        ValueCase(text: "-12", expected: .number(JSONNumber(-12))),
        ValueCase(text: "1.5e2", expected: .number(JSONNumber(150))),
        ValueCase(text: "\"a\\u00e9\\n\\ud83d\\ude00\"", expected: .string("aé\n😀")),
        ValueCase(text: "[1, [], {}]", expected: .array([.number(JSONNumber(1)), .array([]), .object(JSONObject())])),
        ValueCase(
            text: "{\"b\": 1, \"a\": [true]}",
            expected: .object(JSONObject(["b": .number(JSONNumber(1)), "a": .array([.bool(true)])]))),
    ])
    func parsesValues(_ row: ValueCase) throws {
        #expect(try JSONParser.parse(Array(row.text.utf8)) == row.expected)
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSONParser.parse(Array(#"{"z": 1, "a": 2, "m": 3}"#.utf8))
        #expect(value.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func keepsIntegersExactAndDecimalsLiteral() throws {
        let big = try JSONParser.parse(Array("9007199254740993".utf8))
        #expect(big.numberValue?.int64 == 9_007_199_254_740_993)
        let decimal = try JSONParser.parse(Array("0.1".utf8))
        #expect(decimal.numberValue?.literal == "0.1")
        #expect(decimal.numberValue?.isInteger == false)
        let beyond = try JSONParser.parse(Array("123456789012345678901234".utf8))
        #expect(beyond.numberValue?.int64 == nil)
        #expect(beyond.numberValue?.literal == "123456789012345678901234")
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var line: Int
        var column: Int
        var testDescription: String { message }
    }

    @Test(arguments: [
        ErrorCase(
            text: "{\"a\": 1", message: "expected ',' or '}' in object, found the end of the input", line: 1, column: 8),
        ErrorCase(
            text: "[1, 2] x", message: "expected the end of the input after the JSON value, found 'x'", line: 1,
            column: 8),
        ErrorCase(text: "{\n  \"a\": tru\n}", message: "expected a JSON value, found 't'", line: 2, column: 8),
        ErrorCase(text: "\"\\ud800\"", message: "lone surrogate \\uD800 in string", line: 1, column: 2),
        ErrorCase(text: "1e400", message: "number 1e400 is out of range", line: 1, column: 1),
        ErrorCase(text: "01", message: "numbers cannot have leading zeros", line: 1, column: 1),
        ErrorCase(
            text: "\"a\tb\"", message: "control character byte 0x9 must be escaped in a string", line: 1, column: 3),
        ErrorCase(text: "{\"a\": 1, \"a\": 2}", message: "duplicate key 'a' in object", line: 1, column: 10),
        ErrorCase(text: "", message: "expected a JSON value, found the end of the input", line: 1, column: 1),
    ])
    func reportsSyntaxErrorsWithPositions(_ row: ErrorCase) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(row.text.utf8)) }
        do {
            _ = try JSONParser.parse(Array(row.text.utf8))
        } catch {
            #expect(error.message == row.message)
            #expect(error.line == row.line)
            #expect(error.column == row.column)
        }
    }

    @Test func refusesNestingBeyondTheLimitWithoutRecursing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(Array(deep.utf8), options: .init(maxDepth: 1000))
            Issue.record("expected a nesting error")
        } catch {
            #expect(error.message == "nesting is deeper than 1000 levels")
        }
        let allowed = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(throws: Never.self) { try JSONParser.parse(Array(allowed.utf8), options: .init(maxDepth: 1000)) }
    }

    @Test func sourceMapPointsAtValuesAndKeys() throws {
        let text = "{\n  \"paths\": {\n    \"/pets\": {\"get\": 1}\n  },\n  \"x\": [10, {\"é\": \"v\", \"k\": 2}]\n}"
        let parsed = try JSONParser.parseWithSourceMap(Array(text.utf8))
        let file = SourceFile(path: "a.json", bytes: Array(text.utf8), root: parsed.value, sourceMap: parsed.map)
        #expect(file.location(of: JSONPointer("/paths/~1pets/get")!).description == "a.json:3:22")
        #expect(file.location(of: JSONPointer("/paths/~1pets")!, key: true).description == "a.json:3:5")
        #expect(file.location(of: JSONPointer("/x/1/k")!).description == "a.json:5:29")
        // Columns count characters, not bytes: 'é' is two bytes.
        #expect(file.location(of: JSONPointer("/x/1/k")!, key: true).description == "a.json:5:24")
    }

    @Test func keepsTheFirstOfRepeatedKeysAndReportsBoth() throws {
        let text = "{\"a\": {\"deep\": [1, 2]}, \"b\": 1, \"a\": 3, \"c\": true}"
        let parsed = try JSONParser.parseWithSourceMap(Array(text.utf8))
        #expect(parsed.duplicates.count == 1)
        #expect(parsed.duplicates.first?.column == 33)
        #expect(parsed.duplicates.first?.firstOccurrence?.column == 2)
        let file = SourceFile(path: "d.json", bytes: Array(text.utf8), root: parsed.value, sourceMap: parsed.map)
        #expect(
            parsed.value["a"]
                == .object(JSONObject(["deep": .array([.number(JSONNumber(1)), .number(JSONNumber(2))])])))
        // The map stays aligned after the dropped value.
        #expect(file.location(of: JSONPointer("/c")!).description == "d.json:1:46")
    }

    @Test func decodesNonASCIIStringsAndRejectsInvalidUTF8() throws {
        #expect(
            try JSONParser.parse(Array(#"["caf\#u{E9}", "a\#u{1F600}b", "plain"]"#.utf8))
                == .array([.string("caf\u{E9}"), .string("a\u{1F600}b"), .string("plain")]))
        for invalid: [UInt8] in [[0x22, 0x61, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            do {
                _ = try JSONParser.parse(invalid)
                Issue.record("accepted invalid UTF-8 \(invalid)")
            } catch {
                #expect(error.message == "string is not valid UTF-8")
                #expect(error.column == 2)
            }
        }
    }

    @Test func indexesLargeObjectsAndFindsTheirDuplicates() throws {
        let keys = (0..<40).map { "key\($0)" } + ["", "\u{E9}t\u{E9}", "a much longer key than fifteen bytes"]
        let text = "{" + keys.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "}"
        let object = try #require(try JSONParser.parse(Array(text.utf8)).objectValue)
        #expect(object.keys == keys)
        for (position, key) in keys.enumerated() {
            #expect(object.position(of: key) == position)
            #expect(object[key] == .number(JSONNumber(position)))
        }
        #expect(object["missing"] == nil)
        #expect(object == JSONObject(Array(object.members.reversed())))
        var edited = object
        edited["key3"] = nil
        edited["new"] = .null
        #expect(edited.count == keys.count)
        #expect(edited.position(of: "key4") == 3)
        #expect(edited["new"] == .null)
        #expect(edited["key3"] == nil)

        let repeated = String(text.dropLast()) + ", \"key30\": true}"
        do {
            _ = try JSONParser.parse(Array(repeated.utf8))
            Issue.record("accepted a repeated key")
        } catch {
            #expect(error.message == "duplicate key 'key30' in object")
        }
    }
}
