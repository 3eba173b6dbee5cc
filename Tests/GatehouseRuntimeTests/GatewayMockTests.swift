import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import NIOHTTP1
import Testing

/// Mock answers through a real server: Prefer, Accept, the API Gateway mock integration and response validation.
struct GatewayMockTests {
    @Test func theFirstExampleOfTheLowestSuccessStatusByDefault() async throws {
        try await RunningGateway.with(spec: "specs/petstore.yaml", configuration: RunningGateway.openAccess) {
            gateway in
            let pet = try await gateway.request(.GET, "/v1/pets/7")
            #expect(pet.status == 200)
            #expect(pet.headers["Content-Type"] == ["application/json"])
            #expect(pet.json?["name"] == .string("Fido"))
        }
    }

    @Test func eachPreferForm() async throws {
        try await RunningGateway.with(spec: "specs/petstore.yaml", configuration: RunningGateway.openAccess) {
            gateway in
            let named = try await gateway.request(.GET, "/v1/pets/7", headers: [("Prefer", "example=untagged")])
            #expect(named.status == 200)
            #expect(named.json?["name"] == .string("Nemo"))
            #expect(named.headers["Preference-Applied"] == ["example=untagged"])

            let notFound = try await gateway.request(.GET, "/v1/pets/7", headers: [("Prefer", "code=404")])
            #expect(notFound.status == 404)
            #expect(notFound.json?["message"] != nil)

            let dynamic = try await gateway.request(.GET, "/v1/pets/7", headers: [("Prefer", "dynamic=true")])
            #expect(dynamic.status == 200)
            #expect(dynamic.json?["id"]?.numberValue != nil)

            let undeclared = try await gateway.request(.GET, "/v1/pets/7", headers: [("Prefer", "code=418")])
            #expect(undeclared.status == 400)
            #expect(undeclared.headers["Content-Type"] == ["application/problem+json"])

            let unknownExample = try await gateway.request(.GET, "/v1/pets/7", headers: [("Prefer", "example=nope")])
            #expect(unknownExample.status == 400)
            #expect(unknownExample.body.contains("dog"))
        }
    }

    @Test func acceptNegotiationAnd406() async throws {
        try await RunningGateway.with(spec: "specs/todo.yaml") { gateway in
            let problem = try await gateway.request(
                .GET, "/api/lists/1", headers: [("Accept", "application/problem+json"), ("Prefer", "code=404")]
            )
            #expect(problem.status == 404)
            #expect(problem.headers["Content-Type"] == ["application/problem+json"])
            let refused = try await gateway.request(.GET, "/api/lists/1", headers: [("Accept", "text/html")])
            #expect(refused.status == 406)
            #expect(refused.body.contains("application/json"))
        }
    }

    static let integrationSpec = """
        openapi: 3.0.3
        info: {title: Exported from API Gateway, version: '1'}
        paths:
          /widgets/{id}:
            get:
              operationId: getWidget
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates:
                  application/json: '{"statusCode": 200}'
                responses:
                  default:
                    statusCode: '200'
                    responseParameters:
                      method.response.header.X-Source: "'integration'"
                    responseTemplates:
                      application/json: '{"id": 42, "name": "static"}'
              responses:
                '200':
                  description: a widget
                  headers:
                    X-Source: {schema: {type: string}}
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [id, name]
                        properties: {id: {type: string}, name: {type: string}}
        """

    @Test func anExportedMockIntegrationAnswersAsAPIGatewayWould() async throws {
        try await RunningGateway.with(spec: Self.integrationSpec) { gateway in
            let widget = try await gateway.request(.GET, "/widgets/abc")
            #expect(widget.status == 200)
            #expect(widget.headers["X-Source"] == ["integration"])
            #expect(widget.body == #"{"id": 42, "name": "static"}"#)
            #expect(widget.headers["Gatehouse-Contract-Violation"] == [])
        }
    }

    @Test func responseValidationReportsAViolationInAHeader() async throws {
        try await RunningGateway.with(spec: Self.integrationSpec, configuration: .init(validatesResponses: true)) {
            gateway in
            // The static template's integer id breaks the declared schema (a string).
            let widget = try await gateway.request(.GET, "/widgets/abc")
            #expect(widget.status == 200)
            #expect(
                widget.headers["Gatehouse-Contract-Violation"] == ["body/id: expected a string, found an integer 42"])
            let metrics = try await gateway.request(.GET, "/metrics")
            #expect(
                metrics.body.contains(#"gatehouse_validation_failures_total{operation="getWidget",part="response"} 1"#))
        }
    }

    @Test func responseValidationIsQuietForValidMocks() async throws {
        try await RunningGateway.with(
            spec: "specs/petstore.yaml",
            configuration: .init(validatesResponses: true, access: .init(enforcesSecurity: false))
        ) {
            gateway in
            let created = try await gateway.request(
                .POST, "/v1/pets", headers: [("Content-Type", "application/json")], body: #"{"name": "Rex"}"#
            )
            #expect(created.status == 201)
            #expect(created.headers["Gatehouse-Contract-Violation"] == [])
            #expect(created.headers["Location"].count == 1)
        }
    }
}
