import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// What validation reports: every issue with its instance location, keyword, schema location and sentence; and
/// that bad instances never crash or hang it.
struct CompiledSchemaTests {
    static let order = """
        {
          "type": "object",
          "required": ["id", "items"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string", "format": "uuid"},
            "placed": {"type": "string", "format": "date-time"},
            "status": {"enum": ["open", "paid"]},
            "total": {"type": "number", "multipleOf": 0.01, "minimum": 0},
            "items": {
              "type": "array", "minItems": 1, "uniqueItems": true,
              "items": {
                "type": "object", "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1, "pattern": "^[a-z ]+$"}, "qty": {"type": "integer"}}
              }
            }
          }
        }
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var instance: String
        var expected: [String]
        var testDescription: String { instance }
    }

    @Test(arguments: [
        Case(
            instance: #"{"id": "x", "items": []}"#,
            expected: [
                "/id [format]: expected a 'uuid' string, found 'x'",
                "/items [minItems]: expected at least 1 item, found 0",
            ]),
        Case(
            instance: #"{"items": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": 5}]}"#,
            expected: [
                " [required]: missing required property 'id'",
                "/items/3/name [type]: expected a string, found an integer 5",
            ]),
        Case(
            instance: #"{"id": "123e4567-e89b-12d3-a456-426614174000", "items": [{"qty": "abc"}], "extra": 1}"#,
            expected: [
                "/items/0 [required]: missing required property 'name'",
                "/items/0/qty [type]: expected an integer, found a string 'abc'",
                " [additionalProperties]: unexpected property 'extra'",
            ]),
        Case(
            instance:
                #"{"id": "123e4567-e89b-12d3-a456-426614174000", "placed": "2024-13-01T00:00:00Z", "items": [{"name": "A"}]}"#,
            expected: [
                "/placed [format]: expected a 'date-time' string (RFC 3339), found '2024-13-01T00:00:00Z'",
                "/items/0/name [pattern]: expected a string matching '^[a-z ]+$', found 'A'",
            ]),
        Case(
            instance:
                #"{"id": "123e4567-e89b-12d3-a456-426614174000", "status": "lost", "total": 10.005, "items": [{"name": "a"}, {"name": "a"}]}"#,
            expected: [
                "/status [enum]: expected one of 'open' or 'paid', found a string 'lost'",
                "/total [multipleOf]: expected a multiple of 0.01, found 10.005",
                "/items [uniqueItems]: expected unique items, found items 0 and 1 equal",
            ]),
        Case(instance: #"[1]"#, expected: [" [type]: expected an object, found an array of 1 item"]),
    ])
    func reportsEveryIssue(_ row: Case) throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(SchemaTestData.json(Self.order))
        let issues = schema.validate(try SchemaTestData.json(row.instance))
        #expect(Set(issues.map { "\($0.location) [\($0.keyword)]: \($0.message)" }) == Set(row.expected))
        #expect(issues.count == row.expected.count)
        #expect(!schema.isValid(try SchemaTestData.json(row.instance)))
    }

    @Test func schemaLocationNamesTheFailingKeyword() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            SchemaTestData.json(Self.order), baseURI: "order.json")
        let issue = try #require(schema.validate(try SchemaTestData.json(#"{"id": 1, "items": [{}]}"#)).first)
        #expect(issue.schemaLocation == NodeAddress(file: "order.json", pointer: JSONPointer("/properties/id/type")!))
    }

    @Test func formatsAreAnnotationsWhenNotAsserted() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            SchemaTestData.json(#"{"format": "date-time"}"#))
        #expect(!schema.isValid(.string("yesterday")))
        #expect(schema.isValid(.string("yesterday"), options: ValidationOptions(assertFormats: false)))
    }

    @Test func numbersAreComparedExactly() throws {
        let compiler = SchemaCompiler(dialect: .draft2020_12)
        let cents = try compiler.compile(SchemaTestData.json(#"{"multipleOf": 0.0001}"#))
        #expect(cents.isValid(try SchemaTestData.json("0.0075")))
        #expect(!cents.isValid(try SchemaTestData.json("0.00751")))
        let unique = try compiler.compile(SchemaTestData.json(#"{"uniqueItems": true}"#))
        #expect(!unique.isValid(try SchemaTestData.json("[1, 1.0]")))
        #expect(unique.isValid(try SchemaTestData.json("[1, true]")))
        let big = try compiler.compile(SchemaTestData.json(#"{"maximum": 9007199254740993}"#))
        #expect(!big.isValid(try SchemaTestData.json("9007199254740994")))
    }

    @Test func issuesAreCapped() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            SchemaTestData.json(#"{"items": {"type": "string"}}"#))
        let many = JSONValue.array(Array(repeating: .number(JSONNumber(1)), count: 10_000))
        #expect(schema.validate(many).count == 100)
        #expect(schema.validate(many, options: ValidationOptions(maxIssues: 3)).count == 3)
    }

    @Test func deeplyNestedInstancesAreRefusedNotCrashed() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            SchemaTestData.json(
                ##"{"$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}, "$ref": "#/$defs/node"}"##)
        )
        var value = JSONValue.array([])
        for _ in 0..<5_000 { value = .array([value]) }
        #expect(!schema.isValid(value))
        let issues = schema.validate(value)
        #expect(issues.map(\.message) == ["the instance is nested more than 512 levels deep"])
    }

    @Test func recursionWithoutProgressStops() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(SchemaTestData.json(##"{"$ref": "#"}"##))
        #expect(!schema.isValid(.null))
    }

    /// Linear time is milliseconds; catastrophic backtracking would be years, so the limit only catches a hang.
    @Test(.timeLimit(.minutes(1))) func pathologicalPatternsTakeLinearTime() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(SchemaTestData.json(#"{"pattern": "^(a+)+$"}"#))
        let attack = String(repeating: "a", count: 100_000) + "!"
        #expect(!schema.isValid(.string(attack)))
    }

    @Test func hugeArraysValidate() throws {
        let schema = try SchemaCompiler(dialect: .draft2020_12).compile(
            SchemaTestData.json(#"{"items": {"type": "integer", "minimum": 0}}"#))
        let large = JSONValue.array((0..<1_000_000).map { .number(JSONNumber($0)) })
        #expect(schema.isValid(large))
    }

    @Test func backtrackingPatternsAreBounded() throws {
        let compiler = SchemaCompiler(dialect: .draft2020_12)
        // Lookahead needs the backtracking engine; nesting quantifiers under it is refused at compile time.
        #expect(throws: SchemaCompileError.self) {
            try compiler.compile(.object(JSONObject(["pattern": .string("^(?=(a+)+$)")])))
        }
        let password = try compiler.compile(.object(JSONObject(["pattern": .string("^(?=.*[A-Z])(?=.*\\d).{8,}$")])))
        #expect(password.isValid(.string("Secret123")))
        #expect(!password.isValid(.string("secret123")))
        // Programs too large to run in bounded time are refused rather than handed to the backtracking engine.
        #expect(throws: SchemaCompileError.self) {
            try compiler.compile(.object(JSONObject(["pattern": .string("(a{1000}){1000}")])))
        }
    }
}
