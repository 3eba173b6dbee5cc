import GatehouseJSON
import Testing

@testable import GatehouseSpec

struct APIModelTests {
    static let document = """
        openapi: 3.1.0
        info: {title: Model, version: '2'}
        x-root: {kept: true}
        servers:
          - url: 'https://{host}/api/v1/'
            variables:
              host: {default: example.com}
        security:
          - apiKey: []
            session: []
          - bearer: []
        tags: [{name: pets, description: Pets}]
        paths:
          /pets/{petId}:
            parameters:
              - {name: petId, in: path, required: true, schema: {type: integer}}
              - $ref: '#/components/parameters/Trace'
            get:
              tags: [pets]
              x-rate: 5
              parameters:
                - {name: x-trace, in: header, required: true, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  headers:
                    ETag: {schema: {type: string}, example: abc}
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                      examples:
                        cat: {summary: A cat, value: {id: 1}}
                '4XX': {description: client error}
                default: {description: other}
            delete:
              security: []
              responses:
                '204': {description: gone}
          /pets:
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
                    example: {id: 2}
              responses:
                '201': {description: created}
        components:
          parameters:
            Trace: {name: X-Trace, in: header, schema: {type: string}}
          schemas:
            Pet: {type: object, properties: {id: {type: integer}}}
          securitySchemes:
            apiKey: {type: apiKey, name: X-API-Key, in: header}
            session: {type: apiKey, name: sid, in: cookie}
            bearer: {type: http, scheme: Bearer, bearerFormat: JWT}
        """

    static func model() throws -> APIModel {
        let output = check(document)
        #expect(output.lines == [])
        return try #require(output.model)
    }

    @Test func operationsInDocumentOrderWithDerivedIds() throws {
        let model = try Self.model()
        #expect(
            model.operations.map { "\($0.method.rawValue) \($0.path) \($0.id)" } == [
                "GET /pets/{petId} getPetsByPetId",
                "DELETE /pets/{petId} deletePetsByPetId",
                "POST /pets createPet",
            ])
    }

    @Test func parametersMergeWithHeaderNamesCaseInsensitive() throws {
        let get = try #require(try Self.model().operation(id: "getPetsByPetId"))
        #expect(
            get.parameters.map { "\($0.location.rawValue) \($0.name) \($0.required)" } == [
                "path petId true",
                "header x-trace true",
            ])
        #expect(get.parameters[0].style == .simple && get.parameters[0].explode == false)
        #expect(get.path.parameterNames == ["petId"])
    }

    @Test func responsesByStatusIncludingRangesAndDefault() throws {
        let get = try #require(try Self.model().operation(id: "getPetsByPetId"))
        #expect(get.responses.map(\.status) == [.code(200), .range(4), .default])
        #expect(get.response(for: 404)?.status == .range(4))
        #expect(get.response(for: 503)?.status == .default)
        let ok = try #require(get.response(for: 200))
        #expect(ok.headers.map(\.name) == ["ETag"])
        #expect(ok.content.first?.mediaType?.isJSON == true)
        #expect(
            ok.content.first?.schema?.address.pointer.string
                == "/paths/~1pets~1{petId}/get/responses/200/content/application~1json/schema")
        #expect(ok.content.first?.examples.map(\.name) == ["cat"])
        #expect(ok.content.first?.examples.first?.value == .object(JSONObject(["id": .number(JSONNumber(1))])))
    }

    @Test func securityIsORofANDsAndOperationsOverride() throws {
        let model = try Self.model()
        let get = try #require(model.operation(id: "getPetsByPetId"))
        #expect(get.security?.map { $0.schemes.map(\.scheme) } == [["apiKey", "session"], ["bearer"]])
        #expect(get.declaresSecurity == false)
        #expect(get.allowsAnonymous == false)
        let delete = try #require(model.operation(id: "deletePetsByPetId"))
        #expect(delete.declaresSecurity && delete.security == [] && delete.allowsAnonymous)
        #expect(model.securityScheme(named: "bearer")?.kind == .http(scheme: "bearer", bearerFormat: "JWT"))
        #expect(model.securityScheme(named: "session")?.kind == .apiKey(name: "sid", location: .cookie))
    }

    @Test func serversTagsSchemasAndExtensions() throws {
        let model = try Self.model()
        #expect(model.servers.first?.resolvedURL == "https://example.com/api/v1/")
        #expect(model.servers.first?.basePath == "/api/v1")
        #expect(model.tags.map(\.name) == ["pets"])
        #expect(model.schemas.map(\.name) == ["Pet"])
        #expect(model.extensions["x-root"] == .object(JSONObject(["kept": .bool(true)])))
        #expect(model.operation(id: "getPetsByPetId")?.extensions["x-rate"] == .number(JSONNumber(5)))
        let create = try #require(model.operation(id: "createPet"))
        #expect(create.requestBody?.required == true)
        #expect(create.requestBody?.content.first?.examples.map(\.name) == ["default"])
    }

    @Test func pathTemplatesWithSeveralParametersInOneSegment() {
        let template = PathTemplate("/files/{name}.{ext}")
        #expect(template.parameterNames == ["name", "ext"])
        #expect(template.segments[1] == [.parameter("name"), .literal("."), .parameter("ext")])
        #expect(template.shape == "/files/{}.{}")
        #expect(template.problem == nil)
    }

    @Test func responseStatusKeys() {
        #expect(ResponseStatus("2XX") == .range(2))
        #expect(ResponseStatus("2xx") == .range(2))
        #expect(ResponseStatus("204") == .code(204))
        #expect(ResponseStatus("default") == .default)
        #expect(ResponseStatus("600") == nil)
        #expect(ResponseStatus("6XX") == nil)
    }
}
