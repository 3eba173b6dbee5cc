import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

/// The `gateway-errors` rule: a response documented for a status the gateway answers by itself must accept the
/// problem document the gateway sends, or a generated client fails to decode the answer.
struct GatewayErrorCheckerTests {
    static func diagnostics(_ yaml: String) throws -> [String] {
        let output = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "errors.yaml")
        let model = try #require(output.model, "\(output.diagnostics)")
        return GatewayErrorChecker(model: model).check().map { diagnostic in
            let notes = diagnostic.notes.map { note in
                " | " + (note.location.map { "\($0.line):\($0.column): " } ?? "") + note.message
            }.joined()
            return "\(diagnostic.location!.line):\(diagnostic.location!.column): \(diagnostic.message)\(notes)"
        }
    }

    static let header = """
        openapi: 3.0.3
        info: {title: Errors, version: '1'}
        """

    static func model(_ yaml: String) throws -> APIModel {
        let output = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "errors.yaml")
        return try #require(output.model, "\(output.diagnostics)")
    }

    /// A contract's own error schema is no defect: the gateway writes its errors into it.
    @Test func aSharedErrorSchemaGetsTheGatewaysErrorsWrittenIntoIt() throws {
        let yaml =
            Self.header + """

                security: [{key: []}]
                paths:
                  /pets:
                    get:
                      operationId: listPets
                      parameters: [{name: limit, in: query, schema: {type: integer}}]
                      responses:
                        '200': {description: ok}
                        '400': {$ref: '#/components/responses/Error'}
                        '403': {$ref: '#/components/responses/Error'}
                    post:
                      operationId: createPet
                      requestBody: {content: {application/json: {schema: {type: object}}}}
                      responses:
                        '201': {description: created}
                        '400': {$ref: '#/components/responses/Error'}
                        default: {$ref: '#/components/responses/Error'}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-API-Key}
                  responses:
                    Error:
                      description: An error.
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [code, message]
                            properties:
                              code: {type: integer}
                              message: {type: string}
                """
        #expect(try Self.diagnostics(yaml) == [])
        let model = try Self.model(yaml)
        let response = try #require(model.operation(id: "listPets")?.response(for: 400))
        let synthesizer = ExampleSynthesizer(document: model.document, configuration: .init(direction: .response))
        let shape = try #require(DocumentedErrorShape(response: response, synthesizer: synthesizer))
        #expect(shape.contentType == "application/json")
        let problem = ProblemDocument(status: 400, title: "Bad Request", detail: "the request does not match")
        #expect(
            shape.body(for: problem).map { String(decoding: $0, as: UTF8.self) }
                == #"{"code":400,"message":"the request does not match"}"#)
    }

    @Test func inlineResponsesWithTheSameSchemaAreOneDiagnosticWithNotes() throws {
        let yaml =
            Self.header + """

                paths:
                  /a:
                    get:
                      operationId: getA
                      parameters: [{name: q, in: query, schema: {type: string}}]
                      responses:
                        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/E'}}}}
                  /b:
                    get:
                      operationId: getB
                      parameters: [{name: q, in: query, schema: {type: string}}]
                      responses:
                        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/E'}}}}
                components:
                  schemas:
                    E: {type: object, required: [error], properties: {error: {type: string, minLength: 2, maxLength: 1}}}
                """
        #expect(
            try Self.diagnostics(yaml) == [
                "9:9: the gateway answers 'getA' and 'getB' with 400 (request validation) as 'application/problem+json'; the response documents 'application/json' with a schema that rejects it: missing required property 'error', and neither an example nor a generated instance of it is valid to write the error into | 15:9: the response at '#/paths/~1b/get/responses/default' documents the same | 18:33: 'required' is declared at '#/components/schemas/E/required'"
            ])
    }

    @Test func aProblemSchemaThatAcceptsTheGatewaysDocumentsIsClean() throws {
        let yaml =
            Self.header + """

                security: [{key: []}]
                paths:
                  /pets/{id}:
                    put:
                      operationId: updatePet
                      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                      requestBody: {content: {application/json: {schema: {type: object}}}}
                      responses:
                        '200': {description: ok}
                        4XX:
                          description: A client error.
                          content:
                            application/problem+json:
                              schema: {$ref: '#/components/schemas/Problem'}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-API-Key}
                  schemas:
                    Problem:
                      type: object
                      required: [type, title, status]
                      properties:
                        type: {type: string}
                        title: {type: string}
                        status: {type: integer}
                        detail: {type: string}
                        errors:
                          type: array
                          items:
                            type: object
                            required: [detail]
                            properties:
                              pointer: {type: string}
                              detail: {type: string}
                """
        #expect(try Self.diagnostics(yaml) == [])
    }

    /// The problem's `errors` do not fit (a parameter's issue has no `pointer`), so the gateway answers with what the
    /// schema accepts: nothing is reported.
    @Test func errorItemsThatRequireAPointerAreAnsweredWithinTheSchema() throws {
        let yaml =
            Self.header + """

                paths:
                  /pets:
                    get:
                      operationId: listPets
                      parameters: [{name: limit, in: query, schema: {type: integer}}]
                      responses:
                        '200': {description: ok}
                        '400':
                          description: Bad request.
                          content:
                            application/problem+json:
                              schema:
                                type: object
                                properties:
                                  errors:
                                    type: array
                                    items: {type: object, required: [pointer, detail]}
                """
        #expect(try Self.diagnostics(yaml) == [])
    }

    @Test func aResponseThatIsNotJSONIsReported() throws {
        let yaml =
            Self.header + """

                paths:
                  /pets:
                    post:
                      operationId: createPet
                      requestBody: {content: {application/json: {schema: {type: object}}}}
                      responses:
                        '201': {description: created}
                        '415':
                          description: Wrong media type.
                          content:
                            application/xml: {schema: {type: string}}
                """
        #expect(
            try Self.diagnostics(yaml) == [
                "10:9: the gateway answers 'createPet' with 415 (undeclared content type) as 'application/problem+json'; the response documents only 'application/xml', which is not JSON"
            ])
    }

    @Test func statusesTheGatewayCannotSendAreNotReported() throws {
        // No parameters, no body, anonymous calls allowed, no usage plans: the gateway answers none of these
        // statuses by itself, and an undocumented status or a response without content is never reported.
        let yaml =
            Self.header + """

                security: [{}, {key: []}]
                paths:
                  /health:
                    get:
                      operationId: health
                      responses:
                        '200': {description: ok}
                        '403': {description: forbidden, content: {text/plain: {schema: {type: string}}}}
                        '429': {description: slow down, content: {text/plain: {schema: {type: string}}}}
                  /pets:
                    get:
                      operationId: listPets
                      parameters: [{name: limit, in: query, schema: {type: integer}}]
                      responses:
                        '200': {description: ok}
                        '400': {description: bad request, no body}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-API-Key}
                """
        #expect(try Self.diagnostics(yaml) == [])
    }

    @Test func aRepeatedAPIKeyBringsA400EvenWithoutParameters() throws {
        let yaml =
            Self.header + """

                security: [{}, {key: []}]
                paths:
                  /health:
                    get:
                      operationId: health
                      responses:
                        '200': {description: ok}
                        '400': {description: bad, content: {application/xml: {schema: {type: string}}}}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-API-Key}
                """
        #expect(
            try Self.diagnostics(yaml) == [
                "10:9: the gateway answers 'health' with 400 (a repeated API key) as 'application/problem+json'; the response documents only 'application/xml', which is not JSON"
            ])
    }

    /// A `text/*` error response gets the detail as text, escaped for HTML; nothing is reported.
    @Test func textResponsesCarryTheDetail() throws {
        let yaml =
            Self.header + """

                paths:
                  /pets:
                    get:
                      operationId: listPets
                      parameters: [{name: limit, in: query, schema: {type: integer}}]
                      responses:
                        '200': {description: ok}
                        '400': {description: bad request, content: {text/html: {schema: {type: string}}}}
                """
        #expect(try Self.diagnostics(yaml) == [])
        let model = try Self.model(yaml)
        let response = try #require(model.operation(id: "listPets")?.response(for: 400))
        let shape = try #require(
            DocumentedErrorShape(response: response, synthesizer: ExampleSynthesizer(document: model.document)))
        #expect(shape.contentType == "text/html")
        let problem = ProblemDocument(status: 400, title: "Bad Request", detail: "expected <= 3 & found 4")
        #expect(
            shape.body(for: problem).map { String(decoding: $0, as: UTF8.self) } == "expected &lt;= 3 &amp; found 4")
    }

    @Test func bearerTokensAndUsagePlansBring401And429() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: Errors, version: '1'}
            x-gatehouse-usage-plans:
              plans:
                free: {throttle: {rate: 1, burst: 1}}
            paths:
              /me:
                get:
                  operationId: me
                  security: [{key: []}, {bearer: []}]
                  responses:
                    '200': {description: ok}
                    default:
                      description: An error.
                      content:
                        application/json:
                          schema: {type: object, required: [message], properties: {message: {type: string, maxLength: 0, minLength: 1}}}
            components:
              securitySchemes:
                key: {type: apiKey, in: header, name: X-API-Key}
                bearer: {type: http, scheme: bearer}
            """
        #expect(
            try Self.diagnostics(yaml) == [
                "13:9: the gateway answers 'me' with 400 (a repeated API key), 401 (missing or invalid credentials), 403 (missing or invalid API key) and 429 (usage plan) as 'application/problem+json'; the response documents 'application/json' with a schema that rejects it: missing required property 'message', and neither an example nor a generated instance of it is valid to write the error into | 17:48: 'required' is declared at '#/paths/~1me/get/responses/default/content/application~1json/schema/required'"
            ])
    }

    @Test(arguments: ["petstore.yaml", "todo.yaml"])
    func projectSpecsDocumentTheGatewaysErrors(_ file: String) throws {
        let output = try SpecFrontEnd().run(path: SchemaTestData.repositoryRoot + "/specs/" + file)
        let model = try #require(output.model)
        #expect(GatewayErrorChecker(model: model).check().map(\.description) == [])
    }
}
