import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseValidation
import Testing

/// Declared response headers are sent with their example or a synthesized value, in `simple` style, and pass the
/// response validator.
struct MockHeaderTests {
    @Test
    func declaredHeadersAreSentAfterTheContentType() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        let response = engine.respond(to: operation, accept: nil, prefer: nil).response
        let names = response.headers.map(\.name)
        #expect(names == ["Content-Type", "X-Rate-Limit", "X-Tags", "X-Options", "X-Trace", "X-Mood"])
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("X-Rate-Limit") == "100")
        #expect(response.header("X-Tags") == "a,b")
        #expect(response.header("X-Options") == "a=1,b=x")
        #expect(response.header("X-Trace")?.count == 36)
        #expect(response.header("X-Mood") == "wagging")
        let validator = ResponseValidator(model: try MockFixtures.model())
        #expect(validator.validate(status: 200, headers: response.headers, body: response.body, for: operation) == [])
    }

    /// Required headers with patterns the sampler cannot walk (lookaround) or that a format must also meet are sent,
    /// with and without `Prefer: dynamic=true`, and pass the response validator.
    @Test
    func requiredHeadersWithPatternsAreSent() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: patterns, version: '1'}
            paths:
              /ping:
                get:
                  operationId: ping
                  responses:
                    '200':
                      description: ok
                      headers:
                        X-Trace-Id: {required: true, schema: {type: string, pattern: '^(?!\\s*$)[a-f0-9-]+$'}}
                        X-Sunset: {required: true, schema: {type: string, format: date-time, pattern: '^20[0-9]{2}-'}}
                      content: {application/json: {schema: {type: object, properties: {ok: {type: boolean}}}}}
            """
        let model = try MockFixtures.model(spec)
        let (engine, operation) = try MockFixtures.engine(operation: "ping", spec: spec)
        let validator = ResponseValidator(model: model)
        for prefer in [nil, "dynamic=true"] {
            let response = engine.respond(to: operation, accept: nil, prefer: prefer).response
            #expect(response.header("X-Trace-Id") != nil, "\(response.headers)")
            #expect(response.header("X-Sunset") != nil, "\(response.headers)")
            #expect(
                validator.validate(status: 200, headers: response.headers, body: response.body, for: operation) == [])
        }
    }

    @Test
    func aResponseWithoutContentHasItsHeadersAndNoBody() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "createPet")
        let response = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(response.status == 201)
        #expect(response.headers == [HeaderField(name: "Location", value: "/pets/1")])
        #expect(response.body.isEmpty)
        #expect(response.source == .empty)
    }

    static let spec = """
        openapi: 3.1.0
        info: {title: headers, version: '1'}
        paths:
          /h:
            get:
              operationId: headers
              responses:
                '204':
                  description: headers only
                  headers:
                    X-Pairs: {schema: {type: object}, example: {a: 1, b: x}}
                    X-Json:
                      content: {application/json: {schema: {type: object}, example: {a: [1, 2]}}}
                    X-Count: {schema: {type: integer, minimum: 5, maximum: 5}}
                    X-Flag: {schema: {type: boolean}, example: false}
                    X-Split: {schema: {type: string}, example: "two\\nlines"}
                    X-Nothing: {description: no schema and no example}
                    X-Wrong: {schema: {type: integer}, example: many}
        """

    @Test
    func headerValuesFollowTheirSchemaAndWhatCannotBeSentIsReported() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "headers", spec: Self.spec)
        let response = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(
            response.headers == [
                HeaderField(name: "X-Pairs", value: "a,1,b,x"),
                HeaderField(name: "X-Json", value: #"{"a":[1,2]}"#),
                HeaderField(name: "X-Count", value: "5"),
                HeaderField(name: "X-Flag", value: "false"),
                // The examples cannot be used, so the values are synthesized from the schema.
                HeaderField(name: "X-Split", value: "string"),
                HeaderField(name: "X-Wrong", value: "1"),
            ])
        #expect(
            engine.findings.map(\.message) == [
                "example 'default' of header 'X-Split' of 'headers' 204 cannot be sent as a header value",
                "no value for header 'X-Nothing' of 'headers' 204, so it is not sent",
                "example 'default' of header 'X-Wrong' of 'headers' 204 does not match its schema: /: expected an integer, found a string 'many'",
            ])
    }
}
