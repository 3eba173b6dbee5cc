import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// `isValid(json:)` and `validate(json:)` check a valid text in one pass over its bytes and leave everything else to
/// the parser and the tree walk; whatever the text, the answer must be the one of parsing and then validating:
/// the same syntax error, the same issues in the same order, the same yes or no.
struct CompiledSchemaBytesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// A valid instance the generated ones start from.
        var seed: String
        var direction: ValidationOptions.Direction? = nil
        var compile: @Sendable () throws -> CompiledSchema

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "repository (bench data, 2020-12)", seed: repositorySeed) {
            let schema = try SchemaTestData.json(
                atPath: SchemaTestData.testdata + "/bench-validation/repository.schema.json")
            return try SchemaCompiler(dialect: .draft2020_12).compile(schema)
        },
        Case(name: "applicators and keywords left to the tree (2020-12)", seed: keywordsSeed) {
            try SchemaCompiler(dialect: .draft2020_12).compile(try SchemaTestData.json(keywordsSchema))
        },
        Case(name: "more than 64 properties, required past the 64th", seed: wideSeed) {
            try SchemaCompiler(dialect: .draft2020_12).compile(try SchemaTestData.json(wideSchema))
        },
        Case(
            name: "OpenAPI 3.0 request: readOnly, writeOnly, nullable, discriminator", seed: petRequestSeed,
            direction: .request
        ) {
            try SchemaTestData.component("Pet", in: try SchemaTestData.document(petDocument))
        },
        Case(name: "OpenAPI 3.0 response", seed: petResponseSeed, direction: .response) {
            try SchemaTestData.component("Pet", in: try SchemaTestData.document(petDocument))
        },
    ]

    @Test(arguments: cases)
    func fromBytesAgreesWithParseThenValidate(_ testCase: Case) throws {
        let compiled = try testCase.compile()
        let seed = try SchemaTestData.json(testCase.seed)
        let options = ValidationOptions(direction: testCase.direction)
        #expect(compiled.validate(seed, options: options) == [], "the seed must be valid")
        var valid = 0
        var invalid = 0
        var malformed = 0
        for round in 0..<600 {
            var generator = Generator(seed: UInt64(round) &* 0x9E37_79B9 &+ UInt64(testCase.name.utf8.count))
            let text = generator.text(from: seed)
            let expected: Result<[ValidationIssue], JSONParser.SyntaxError> = Result {
                () throws(JSONParser.SyntaxError) in
                compiled.validate(try JSONParser.parse(text), options: options)
            }
            let actual = Result { () throws(JSONParser.SyntaxError) in
                try compiled.validate(json: text, options: options)
            }
            let shown = String(decoding: text, as: UTF8.self)
            #expect(actual == expected, "round \(round): \(shown)")
            let expectedValid = (try? expected.get())?.isEmpty == true
            #expect(compiled.isValid(json: text, options: options) == expectedValid, "round \(round): \(shown)")
            switch expected {
            case .success(let issues) where issues.isEmpty: valid += 1
            case .success: invalid += 1
            case .failure: malformed += 1
            }
        }
        // The generator must reach all three outcomes, or the test shows nothing about one of them.
        #expect(
            valid > 50 && invalid > 50 && malformed > 50, "valid \(valid), invalid \(invalid), malformed \(malformed)")
    }

    @Test func anInvalidBodyGetsTheTreeWalksIssues() throws {
        let schema = try SchemaTestData.json(
            atPath: SchemaTestData.testdata + "/bench-validation/repository.schema.json")
        let compiled = try SchemaCompiler(dialect: .draft2020_12).compile(schema)
        var instance = try SchemaTestData.json(Self.repositorySeed).objectValue!
        instance["id"] = .string("seven")
        instance["html_url"] = .string("not a uri")
        let text = Array(JSONValue.object(instance).description.utf8)
        let issues = try compiled.validate(json: text)
        #expect(issues.map(\.location) == ["/id", "/html_url"])
        #expect(
            issues.map(\.message) == [
                "expected an integer, found a string 'seven'",
                "expected an absolute 'uri' (RFC 3986), found 'not a uri'",
            ])
        #expect(!compiled.isValid(json: text))
    }

    @Test func malformedTextThrowsTheParsersError() throws {
        let compiled = try SchemaCompiler(dialect: .draft2020_12).compile(
            try SchemaTestData.json(#"{"type": "object"}"#))
        let text = Array("{\n  \"a\": 1,\n  \"a\": 2\n}".utf8)
        #expect(throws: JSONParser.SyntaxError.self) { try compiled.validate(json: text) }
        do {
            _ = try compiled.validate(json: text)
        } catch {
            #expect(error.message == "duplicate key 'a' in object")
            #expect(error.line == 3 && error.column == 3)
        }
        #expect(!compiled.isValid(json: text))
        #expect(!compiled.isValid(json: []))
    }

    @Test func deepNestingIsLeftToTheParser() throws {
        let compiled = try SchemaCompiler(dialect: .draft2020_12).compile(
            try SchemaTestData.json(#"{"type": "array"}"#))
        let deep = Array((String(repeating: "[", count: 400) + String(repeating: "]", count: 400)).utf8)
        #expect(compiled.isValid(json: deep))
        let tooDeep = Array((String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)).utf8)
        #expect(!compiled.isValid(json: tooDeep))
        #expect(throws: JSONParser.SyntaxError.self) { try compiled.validate(json: tooDeep) }
    }
}

/// A small deterministic generator (SplitMix64): each round's seed reproduces its text.
struct Generator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// A text derived from `seed`: the value changed in a few places (or not), written with random whitespace
    /// and escapes, sometimes with a repeated key, sometimes with a byte broken.
    mutating func text(from seed: JSONValue) -> [UInt8] {
        var value = seed
        for _ in 0..<pick([0, 0, 1, 1, 2, 3]) { value = mutate(value) }
        var output: [UInt8] = []
        if chance(3) { output += [0xEF, 0xBB, 0xBF] }
        write(value, &output)
        if chance(12) { breakByte(&output) }
        return output
    }

    mutating func mutate(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var object) where !object.isEmpty && chance(75):
            let position = int(object.count)
            let key = object[position].key
            switch int(6) {
            case 0: object[key] = nil
            case 1: object[pick(["extra", "ünïcode", "a\"b", key + "x", ""])] = randomScalar()
            default: object[key] = mutate(object[position].value)
            }
            return .object(object)
        case .array(var elements) where !elements.isEmpty && chance(75):
            let index = int(elements.count)
            switch int(5) {
            case 0: elements.remove(at: index)
            case 1: elements.append(elements[index])
            default: elements[index] = mutate(elements[index])
            }
            return .array(elements)
        default:
            return chance(15)
                ? pick([.object(JSONObject()), .array([]), .array([.null, randomScalar()])]) : randomScalar()
        }
    }

    mutating func randomScalar() -> JSONValue {
        switch int(7) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .number(JSONNumber(Int64(int(2000)) - 1000))
        case 3: return .number(JSONNumber(pick([0.5, -1.25, 1e300, 3.0, 0.0075, 9.3e18])))
        default:
            return .string(
                pick([
                    "", "a", "open", "closed", "octocat", "x y", "2011-01-26T19:01:12Z", "2011-13-26T19:01:12Z",
                    "https://github.com/octocat", "not a uri", "é", "e\u{301}", "tab\there", "quote\"d", "\u{1F600}",
                    "550e8400-e29b-41d4-a716-446655440000", String(repeating: "long ", count: 30), "ABC-123",
                ]))
        }
    }

    mutating func write(_ value: JSONValue, _ output: inout [UInt8]) {
        space(&output)
        switch value {
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var members = Array(object.members)
            if !members.isEmpty && chance(5) { members.append(members[int(members.count)]) }
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                space(&output)
                writeString(member.key, &output)
                space(&output)
                output.append(UInt8(ascii: ":"))
                write(member.value, &output)
            }
            space(&output)
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, &output)
            }
            space(&output)
            output.append(UInt8(ascii: "]"))
        case .string(let text):
            writeString(text, &output)
        case .number(let number) where chance(10) && number.int64 != nil:
            output += Array(pick(["\(number.int64!).0", "\(number.int64!)e0", "\(number.int64!)E+0"]).utf8)
        default:
            output += Array(value.description.utf8)
        }
        space(&output)
    }

    /// A string, sometimes with some of its characters written as escapes.
    mutating func writeString(_ text: String, _ output: inout [UInt8]) {
        guard chance(15) else {
            var written = ""
            JSONWriter.writeString(text, to: &written)
            output += Array(written.utf8)
            return
        }
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 || chance(30) {
                if scalar.value > 0xFFFF {
                    let value = scalar.value - 0x10000
                    output += Array(
                        String(format: "\\u%04X\\u%04X", 0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF)).utf8)
                } else {
                    output += Array(String(format: "\\u%04x", scalar.value).utf8)
                }
            } else {
                output += Array(String(scalar).utf8)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    mutating func space(_ output: inout [UInt8]) {
        if chance(10) { output += Array(pick([" ", "\n", "\t", "\r\n  "]).utf8) }
    }

    /// Replaces, removes or inserts one byte, or cuts the text short.
    mutating func breakByte(_ output: inout [UInt8]) {
        guard !output.isEmpty else { return }
        let index = int(output.count)
        let byte: UInt8 = pick([
            UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ":"),
            UInt8(ascii: "\\"), UInt8(ascii: "0"), UInt8(ascii: "-"), UInt8(ascii: "e"), 0x01, 0x80, 0xC3, 0xED, 0xFF,
        ])
        switch int(4) {
        case 0: output[index] = byte
        case 1: output.remove(at: index)
        case 2: output.insert(byte, at: index)
        default: output.removeSubrange(index...)
        }
    }
}
