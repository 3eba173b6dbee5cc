import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseValidation
import Testing

/// How the engine picks the status, and what it answers with when the contract gives no success.
struct MockEngineTests {
    struct StatusCase: Sendable, CustomTestStringConvertible {
        var operationId: String
        var prefer: String?
        var status: Int
        var source: MockResponse.Source
        var testDescription: String { "\(operationId) \(prefer ?? "no Prefer") → \(status)" }
    }

    static let statusCases = [
        StatusCase(operationId: "showPet", prefer: nil, status: 200, source: .example("dog")),
        StatusCase(operationId: "createPet", prefer: nil, status: 201, source: .empty),
        StatusCase(operationId: "onlyRange", prefer: nil, status: 200, source: .synthesized),
        StatusCase(operationId: "onlyDefault", prefer: nil, status: 200, source: .example("default")),
        StatusCase(operationId: "showPet", prefer: "code=200", status: 200, source: .example("dog")),
        StatusCase(operationId: "showPet", prefer: "code=404", status: 404, source: .example("notFound")),
        StatusCase(operationId: "showPet", prefer: "code=418", status: 418, source: .synthesized),
        StatusCase(operationId: "showPet", prefer: "code=503", status: 503, source: .example("default")),
        StatusCase(operationId: "createPet", prefer: "code=202", status: 202, source: .empty),
        StatusCase(operationId: "createPet", prefer: "code=299", status: 299, source: .synthesized),
        StatusCase(operationId: "errorsOnly", prefer: "code=404", status: 404, source: .example("default")),
    ]

    @Test(arguments: statusCases)
    func statusIsTheLowestSuccessOrTheOneAskedFor(row: StatusCase) throws {
        let (engine, operation) = try MockFixtures.engine(operation: row.operationId)
        let outcome = engine.respond(to: operation, accept: nil, prefer: row.prefer)
        let response = try #require(outcome.problem == nil ? outcome.response : nil, "\(outcome)")
        #expect(response.status == row.status)
        #expect(response.source == row.source)
    }

    @Test
    func anOperationWithoutSuccessAnswers501WithTheDeclaredStatuses() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "errorsOnly")
        let outcome = engine.respond(to: operation, accept: nil, prefer: nil)
        let problem = try #require(outcome.problem)
        #expect(problem.status == 501)
        #expect(problem.kind == .noSuccessResponse(declared: ["404", "500"]))
        #expect(outcome.response.status == 501)
        #expect(outcome.response.header("Content-Type") == "application/problem+json")
        #expect(
            MockFixtures.text(outcome.response)
                == #"{"type":"about:blank","title":"Not Implemented","status":501,"detail":"operation 'errorsOnly' declares no 2XX or default response to mock (declared: 404, 500); send 'Prefer: code=N' for one of them","operationId":"errorsOnly","declaredStatuses":["404","500"]}"#
        )
    }

    @Test
    func anUndeclaredStatusIsAProblemListingTheDeclaredOnes() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "errorsOnly")
        let problem = try #require(engine.respond(to: operation, accept: nil, prefer: "code=418").problem)
        #expect(problem.status == 400)
        #expect(problem.kind == .undeclaredStatus(requested: 418, declared: ["404", "500"]))
    }

    @Test
    func theDefaultAnswerIsPreparedOnceAndSharedByEveryRequest() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        let first = engine.respond(to: operation, accept: "application/json", prefer: nil).response
        let second = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(first == second)
        #expect(String(decoding: first.body, as: UTF8.self) == #"{"id":1,"name":"Fido"}"#)
        first.body.withUnsafeBufferPointer { a in
            second.body.withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) }
        }
    }

    @Test
    func anExampleThatBreaksItsSchemaIsNeverServedAndIsReported() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "badExample")
        #expect(
            engine.findings.map(\.message) == [
                "example 'broken' of 'badExample' 200 application/json does not match its schema: /id: expected an integer, found a string 'one'"
            ])
        #expect(engine.findings.first?.rule == "mock-example")
        let answer = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(answer.source == .example("fine"))
        let problem = try #require(engine.respond(to: operation, accept: nil, prefer: "example=broken").problem)
        #expect(problem.status == 500)
        #expect(problem.detail == engine.findings.first?.message)
    }

    @Test
    func anOperationFromOutsideTheModelIsPreparedOnTheSpot() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        var renamed = operation
        renamed.id = "renamedShowPet"
        let answer = engine.respond(to: renamed, accept: nil, prefer: nil).response
        #expect(answer.source == .example("dog"))
    }
}

/// The inline contract the mock tests use, and where the repository is.
enum MockFixtures {
    static let repositoryRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/GatehouseRuntimeTests/<file>
        return parts.joined(separator: "/")
    }()

    static let yaml = """
        openapi: 3.1.0
        info: {title: mocks, version: '1'}
        paths:
          /pets/{id}:
            get:
              operationId: showPet
              parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
              responses:
                '200':
                  description: a pet
                  headers:
                    X-Rate-Limit: {schema: {type: integer, minimum: 1}, example: 100}
                    X-Tags: {schema: {type: array, items: {type: string}}, example: [a, b]}
                    X-Options:
                      schema: {type: object, properties: {a: {type: integer}, b: {type: string}}}
                      explode: true
                      example: {a: 1, b: x}
                    X-Trace: {schema: {type: string, format: uuid}}
                    X-Mood:
                      schema: {type: string}
                      examples: {cat: {value: purring}, dog: {value: wagging}}
                    Content-Type: {schema: {type: string}, example: text/html}
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                      examples:
                        dog: {value: {id: 1, name: Fido}}
                        cat: {value: {id: 2, name: Tom}}
                        'with space': {value: {id: 3, name: Space}}
                    application/xml:
                      schema: {type: string}
                      example: <pet><id>1</id></pet>
                    text/plain; charset=utf-8:
                      schema: {type: string}
                      example: Fido
                '404':
                  description: no such pet
                  content:
                    application/problem+json:
                      schema: {type: object, required: [title], properties: {title: {type: string}}}
                      examples: {notFound: {value: {title: Not Found}}}
                4XX:
                  description: client error
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
                default:
                  description: error
                  content:
                    application/json:
                      schema: {type: object, required: [code], properties: {code: {type: integer}}}
                      example: {code: 500}
          /pets:
            post:
              operationId: createPet
              responses:
                '202': {description: accepted}
                '201':
                  description: created
                  headers: {Location: {schema: {type: string, format: uri-reference}, example: /pets/1}}
                2XX:
                  description: other success
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
          /range:
            get:
              operationId: onlyRange
              responses:
                2XX: {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
          /default:
            get:
              operationId: onlyDefault
              responses:
                default: {description: ok, content: {application/json: {schema: {type: integer}, example: 7}}}
          /errors:
            get:
              operationId: errorsOnly
              responses:
                '404': {description: gone, content: {application/json: {schema: {type: string}, example: gone}}}
                '500': {description: broken}
          /bad:
            get:
              operationId: badExample
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                      examples:
                        broken: {value: {id: one, name: Fido}}
                        fine: {value: {id: 1, name: Fido}}
          /anything:
            get:
              operationId: anything
              responses:
                '200':
                  description: any type
                  content:
                    text/*: {schema: {type: string}, example: hello}
                    '*/*': {schema: {type: string}, example: bytes}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id: {type: integer, minimum: 1}
                name: {type: string, minLength: 1}
                born: {type: string, format: date}
                tag: {type: string, format: uuid}
        """

    static func model(_ text: String = yaml) throws -> APIModel {
        let output = SpecFrontEnd().run(bytes: Array(text.utf8), path: "mocks.yaml")
        return try #require(output.model, "\(output.diagnostics)")
    }

    static func engine(operation id: String, spec: String = yaml) throws -> (MockEngine, Operation) {
        let model = try model(spec)
        return (MockEngine(model: model), try #require(model.operation(id: id)))
    }

    static func text(_ response: MockResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }
}
