import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

struct ParameterDecoderTests {
    @Test func reportsAMissingRequiredParameterInEachLocation() {
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: petId, in: path, required: true, schema: {type: integer}},
             {name: limit, in: query, required: true, schema: {type: integer}},
             {name: X-Trace, in: header, required: true, schema: {type: string}},
             {name: session, in: cookie, required: true, schema: {type: string}},
             {name: offset, in: query, schema: {type: integer}}]
            """,
            path: "/pets/{petId}"
        )
        let (values, issues) = decoder.decode(RawRequestParts())
        #expect(values.isEmpty)
        #expect(
            issues.map(\.description) == [
                "path.petId: missing required path parameter 'petId'",
                "query.limit: missing required query parameter 'limit'",
                "header.X-Trace: missing required header 'X-Trace'",
                "cookie.session: missing required cookie parameter 'session'",
            ])
        #expect(issues.allSatisfy { $0.keyword == "required" })
    }

    struct ScalarRow: Sendable, CustomTestStringConvertible {
        var schema: String
        var raw: String
        var expected: JSONValue
        var version = "3.1.0"
        var testDescription: String { "\(schema) from '\(raw)'" }
    }

    @Test(arguments: [
        ScalarRow(schema: "{type: integer}", raw: "10", expected: .number(JSONNumber(10))),
        ScalarRow(schema: "{type: integer}", raw: "-7", expected: .number(JSONNumber(-7))),
        // Not an integer: passed on as a string so the schema validator reports the type, once.
        ScalarRow(schema: "{type: integer}", raw: "abc", expected: .string("abc")),
        ScalarRow(schema: "{type: integer}", raw: "0x10", expected: .string("0x10")),
        ScalarRow(schema: "{type: integer}", raw: "1e400", expected: .string("1e400")),
        ScalarRow(schema: "{type: number}", raw: "2.5", expected: .number(JSONNumber(2.5))),
        ScalarRow(schema: "{type: boolean}", raw: "true", expected: .bool(true)),
        ScalarRow(schema: "{type: boolean}", raw: "yes", expected: .string("yes")),
        ScalarRow(schema: "{type: string}", raw: "10", expected: .string("10")),
        ScalarRow(schema: "{type: [integer, 'null']}", raw: "null", expected: .null),
        ScalarRow(schema: "{type: [integer, 'null']}", raw: "3", expected: .number(JSONNumber(3))),
        ScalarRow(schema: "{type: integer, nullable: true}", raw: "null", expected: .null, version: "3.0.3"),
        ScalarRow(schema: "{oneOf: [{type: integer}, {type: boolean}]}", raw: "false", expected: .bool(false)),
        ScalarRow(schema: "{allOf: [{type: number}, {minimum: 1}]}", raw: "4", expected: .number(JSONNumber(4))),
        ScalarRow(schema: "{enum: [1, 2, 3]}", raw: "2", expected: .number(JSONNumber(2))),
        ScalarRow(schema: "{$ref: '#/components/schemas/Limit'}", raw: "5", expected: .number(JSONNumber(5))),
        ScalarRow(schema: "{type: string}", raw: "hello+world%21", expected: .string("hello world!")),
        ScalarRow(schema: "{type: string}", raw: "caf%C3%A9", expected: .string("café")),
    ])
    func typesScalarsByTheirSchema(_ row: ScalarRow) throws {
        let decoder = InlineSpec.parameterDecoder(
            "[{name: q, in: query, schema: \(row.schema)}]", version: row.version,
            components: "{schemas: {Limit: {type: integer, maximum: 10}}}")
        let (values, issues) = decoder.decode(RawRequestParts(query: "q=\(row.raw)"))
        #expect(issues == [])
        #expect(values[ParameterIdentity(name: "q", location: .query)] == row.expected)
    }

    struct IssueRow: Sendable, CustomTestStringConvertible {
        var parameters: String
        var request: RawRequestParts
        var expected: [String]
        var path = "/items"
        var testDescription: String { expected.first ?? "no issue" }
    }

    @Test(arguments: [
        IssueRow(
            parameters: "[{name: q, in: query, schema: {type: string}}]",
            request: RawRequestParts(query: "q=%FF"),
            expected: [
                "query.q: expected percent-encoded UTF-8, found '%FF' which decodes to invalid UTF-8 in query parameter 'q'"
            ]
        ),
        IssueRow(
            parameters: "[{name: q, in: query, schema: {type: string}}]",
            request: RawRequestParts(query: "q=%G1"),
            expected: ["query.q: expected '%' followed by two hex digits, found '%G1' in query parameter 'q'"]
        ),
        IssueRow(
            parameters: "[{name: q, in: query, schema: {type: string}}]",
            request: RawRequestParts(query: "q%E9=1"),
            expected: ["query: expected percent-encoded UTF-8, found 'q%E9' which decodes to invalid UTF-8"]
        ),
        IssueRow(
            parameters: "[{name: limit, in: query, schema: {type: integer}}]",
            request: RawRequestParts(query: "limit=1&limit=2"),
            expected: ["query.limit: expected one value for query parameter 'limit', found 2"]
        ),
        IssueRow(
            parameters: "[{name: color, in: path, required: true, style: matrix, schema: {type: string}}]",
            request: RawRequestParts(pathCaptures: ["color": "blue"]),
            expected: [
                "path.color: expected matrix style starting with ';color' for path parameter 'color', found 'blue'"
            ],
            path: "/items/{color}"
        ),
        IssueRow(
            parameters: "[{name: color, in: path, required: true, style: matrix, schema: {type: string}}]",
            request: RawRequestParts(pathCaptures: ["color": ";colour=blue"]),
            expected: [
                "path.color: expected matrix style starting with ';color' for path parameter 'color', found ';colour=blue'"
            ],
            path: "/items/{color}"
        ),
        IssueRow(
            parameters: "[{name: color, in: path, required: true, style: label, schema: {type: string}}]",
            request: RawRequestParts(pathCaptures: ["color": "blue"]),
            expected: ["path.color: expected label style starting with '.' for path parameter 'color', found 'blue'"],
            path: "/items/{color}"
        ),
        IssueRow(
            parameters: "[{name: color, in: path, required: true, schema: {type: object}}]",
            request: RawRequestParts(pathCaptures: ["color": "R,100,G"]),
            expected: [
                "path.color: expected name,value pairs for path parameter 'color', found an odd number of items in 'R,100,G'"
            ],
            path: "/items/{color}"
        ),
        IssueRow(
            parameters: "[{name: color, in: header, explode: true, schema: {type: object}}]",
            request: RawRequestParts(headers: [("color", "R=100,G")]),
            expected: ["header.color: expected name=value items for header 'color', found 'G'"]
        ),
        IssueRow(
            parameters: "[{name: color, in: query, style: deepObject, explode: true, schema: {type: object}}]",
            request: RawRequestParts(query: "color[R=1"),
            expected: [
                "query.color: expected deepObject style 'color[name]=value' for query parameter 'color', found 'color[R'"
            ]
        ),
        IssueRow(
            parameters: "[{name: filter, in: query, content: {application/json: {schema: {type: object}}}}]",
            request: RawRequestParts(query: "filter=%7B%22a%22%3A%7D"),
            expected: [
                "query.filter: expected JSON in query parameter 'filter', found invalid JSON at line 1, column 6: expected a JSON value, found '}'"
            ]
        ),
    ])
    func reportsUndecodableParameters(_ row: IssueRow) {
        let decoder = InlineSpec.parameterDecoder(row.parameters, path: row.path)
        let (_, issues) = decoder.decode(row.request)
        #expect(issues.map(\.description) == row.expected)
    }

    /// `?tag=` is judged by the parameter's schema (OpenAPI 3.0.3 deprecates `allowEmptyValue`, which is ignored): the
    /// empty string for a string, an empty list for an array; the validator then applies `minLength`, `minItems` or
    /// the type.
    @Test func decodesAnEmptyQueryValueByTheSchema() {
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: tag, in: query, schema: {type: string}},
             {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}},
             {name: limit, in: query, schema: {type: integer}},
             {name: flag, in: query, allowEmptyValue: true, schema: {type: boolean}}]
            """,
            version: "3.0.3")
        let (values, issues) = decoder.decode(RawRequestParts(query: "tag=&ids=&limit=&flag="))
        #expect(issues == [])
        #expect(values[ParameterIdentity(name: "tag", location: .query)] == .string(""))
        #expect(values[ParameterIdentity(name: "ids", location: .query)] == .array([]))
        // Not a number: the validator reports the type, as for `?limit=ten`.
        #expect(values[ParameterIdentity(name: "limit", location: .query)] == .string(""))
        // `allowEmptyValue` changes nothing: the schema is the judge.
        #expect(values[ParameterIdentity(name: "flag", location: .query)] == .string(""))
    }

    @Test func keepsAnEncodedCommaInsideAnItem() {
        let decoder = InlineSpec.parameterDecoder(
            "[{name: ids, in: query, explode: false, schema: {type: array, items: {type: string}}}]")
        let (values, _) = decoder.decode(RawRequestParts(query: "ids=a%2Cb,c"))
        #expect(values[ParameterIdentity(name: "ids", location: .query)] == .array([.string("a,b"), .string("c")]))
    }

    @Test func typesArrayItemsAndObjectMembersBySchema() {
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: ids, in: query, schema: {type: array, items: {type: integer}}},
             {name: point, in: query, style: deepObject, explode: true,
              schema: {type: object, properties: {x: {type: number}, tags: {type: array, items: {type: string}},
                                                   near: {type: object, properties: {d: {type: integer}}}}}}]
            """)
        let (values, issues) = decoder.decode(
            RawRequestParts(query: "ids=1&ids=2&point[x]=1.5&point[tags]=a&point[tags]=b&point[near][d]=3"))
        #expect(issues == [])
        #expect(
            values[ParameterIdentity(name: "ids", location: .query)]
                == .array([.number(JSONNumber(1)), .number(JSONNumber(2))]))
        #expect(
            values[ParameterIdentity(name: "point", location: .query)]?.description
                == #"{"x":1.5,"tags":["a","b"],"near":{"d":3}}"#)
    }

    @Test func keepsPlusLiteralWhenReservedCharactersAreAllowed() {
        let decoder = InlineSpec.parameterDecoder("[{name: q, in: query, allowReserved: true, schema: {type: string}}]")
        let (values, _) = decoder.decode(RawRequestParts(query: "q=a+b/c?d"))
        #expect(values[ParameterIdentity(name: "q", location: .query)] == .string("a+b/c?d"))
    }

    @Test func matchesHeaderNamesCaseInsensitivelyAndJoinsRepeatedFields() {
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: X-Trace, in: header, schema: {type: string}},
             {name: X-Tags, in: header, schema: {type: array, items: {type: string}}},
             {name: Accept, in: header, required: true, schema: {type: string}}]
            """)
        let (values, issues) = decoder.decode(
            RawRequestParts(headers: [("x-trace", "abc"), ("X-TAGS", "a, b"), ("x-tags", "c")]))
        #expect(issues == [])
        #expect(values[ParameterIdentity(name: "X-Trace", location: .header)] == .string("abc"))
        #expect(
            values[ParameterIdentity(name: "x-tags", location: .header)]
                == .array(["a", "b", "c"].map(JSONValue.string)))
    }

    @Test func readsCookiesFromTheCookieHeader() {
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: session, in: cookie, schema: {type: string}},
             {name: count, in: cookie, schema: {type: integer}}]
            """)
        let (values, issues) = decoder.decode(
            RawRequestParts(headers: [("Cookie", "session=a%20b; theme=dark; count=3")]))
        #expect(issues == [])
        #expect(values[ParameterIdentity(name: "session", location: .cookie)] == .string("a b"))
        #expect(values[ParameterIdentity(name: "count", location: .cookie)] == .number(JSONNumber(3)))
    }

    @Test func decodesJSONInAContentParameter() {
        let decoder = InlineSpec.parameterDecoder(
            "[{name: filter, in: query, content: {application/json: {schema: {type: object}}}}]")
        let (values, issues) = decoder.decode(RawRequestParts(query: "filter=%7B%22a%22%3A1%2C%22b%22%3A%5Btrue%5D%7D"))
        #expect(issues == [])
        #expect(values[ParameterIdentity(name: "filter", location: .query)]?.description == #"{"a":1,"b":[true]}"#)
    }

    @Test func rejectsUnknownQueryParametersOnlyInStrictMode() {
        let parameters = """
            [{name: limit, in: query, schema: {type: integer}},
             {name: color, in: query, style: deepObject, explode: true, schema: {type: object}}]
            """
        let request = RawRequestParts(query: "limit=1&color[R]=1&debug=1&debug=2")
        #expect(InlineSpec.parameterDecoder(parameters).decode(request).issues == [])
        let issues = InlineSpec.parameterDecoder(parameters, strict: true).decode(request).issues
        #expect(issues.map(\.description) == ["query.debug: expected only declared query parameters, found 'debug'"])
        #expect(issues.map(\.keyword) == ["unknown-parameter"])
    }

    @Test func leavesOtherDeclaredParametersOutOfAFreeFormExplodedObject() {
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: limit, in: query, schema: {type: integer}},
             {name: filter, in: query, schema: {type: object, additionalProperties: {type: integer}}}]
            """)
        let (values, _) = decoder.decode(RawRequestParts(query: "limit=5&a=1&b=2"))
        #expect(values[ParameterIdentity(name: "filter", location: .query)]?.description == #"{"a":1,"b":2}"#)
        #expect(values[ParameterIdentity(name: "limit", location: .query)] == .number(JSONNumber(5)))
    }

    @Test func readsCookiesGivenAsPairs() {
        let decoder = InlineSpec.parameterDecoder("[{name: session, in: cookie, schema: {type: string}}]")
        let (values, issues) = decoder.decode(RawRequestParts(cookies: [("session", "a;b%21")]))
        #expect(issues == [])
        #expect(values[ParameterIdentity(name: "session", location: .cookie)] == .string("a;b!"))
    }

    @Test func decodesResponseHeaders() throws {
        let (operation, model) = InlineSpec.operation(
            """
            {/items: {get: {responses: {'200': {description: ok, headers: {
              X-Rate-Limit: {required: true, schema: {type: integer}},
              X-Tags: {schema: {type: array, items: {type: string}}},
              X-Point: {explode: true, schema: {type: object, properties: {x: {type: number}}}},
              Content-Type: {required: true, schema: {type: string}}}}}}}}
            """)
        let response = try #require(operation.response(for: 200))
        let decoder = ParameterDecoder(responseHeaders: response.headers, document: model.document)
        let (values, issues) = decoder.decode(RawRequestParts(headers: [("x-tags", "a,b"), ("X-Point", "x=1.5")]))
        #expect(issues.map(\.description) == ["header.X-Rate-Limit: missing required header 'X-Rate-Limit'"])
        #expect(values[ParameterIdentity(name: "X-Tags", location: .header)] == .array([.string("a"), .string("b")]))
        #expect(values[ParameterIdentity(name: "X-Point", location: .header)] == json(#"{"x": 1.5}"#))
    }
}
