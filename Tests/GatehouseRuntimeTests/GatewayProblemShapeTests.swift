import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import GatehouseValidation
import Testing

/// The problem documents the gateway answers with by itself and the samples `gatehouse check`'s `gateway-errors`
/// rule holds a contract's schemas against have the same members: a schema that lists exactly those members (no
/// others allowed) passes the rule and accepts every real answer, so neither can drift from the other unnoticed.
struct GatewayProblemShapeTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Strict, version: '1'}
        x-gatehouse-usage-plans:
          plans:
            tight: {throttle: {rate: 1, burst: 1}}
        paths:
          /items/{id}:
            put:
              operationId: putItem
              security: [{key: []}, {bearer: []}]
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
                - {name: X-Trace, in: header, schema: {type: string, format: uuid}}
              requestBody:
                required: true
                content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
              responses:
                '200': {description: ok}
                4XX:
                  description: The gateway's own errors.
                  content:
                    application/problem+json:
                      schema: {$ref: '#/components/schemas/StrictProblem'}
        components:
          securitySchemes:
            key: {type: apiKey, in: header, name: X-API-Key}
            bearer: {type: http, scheme: bearer}
          schemas:
            StrictProblem:
              type: object
              additionalProperties: false
              required: [type, title, status, detail]
              properties:
                type: {type: string}
                title: {type: string}
                status: {type: integer}
                detail: {type: string}
                retryAfter: {type: integer}
                limit: {type: integer}
                period: {type: string}
                resetsAt: {type: string}
                errors:
                  type: array
                  items:
                    type: object
                    additionalProperties: false
                    required: [detail, location, keyword, message]
                    properties:
                      detail: {type: string}
                      pointer: {type: string}
                      parameter: {type: string}
                      header: {type: string}
                      location: {type: string}
                      keyword: {type: string}
                      message: {type: string}
                      schema: {type: string}
        """

    @Test func theRulesSamplesAndTheGatewaysAnswersHaveTheSameMembers() async throws {
        let model = try #require(SpecFrontEnd().run(bytes: Array(Self.spec.utf8), path: "strict.yaml").model)
        #expect(GatewayErrorChecker(model: model).check().map(\.description) == [])
        let schema = try #require(model.operations.first?.response(for: 400)?.content.first?.schema)
        let strict = try SchemaCompiler(document: model.document).compile(schema)

        let store = MemoryTableStore()
        let keys = APIKeyStore(store: store)
        let roomy = try await keys.create(name: "roomy", plan: nil).secret
        let tight = try await keys.create(name: "tight", plan: "tight").secret
        var configuration = RuntimeConfiguration(
            access: AccessConfiguration(clock: ManualClock(Date(timeIntervalSince1970: 1_800_000_000))))
        configuration.maxBodySize = 64
        try await RunningGateway.with(spec: Self.spec, configuration: configuration, keyStore: store) { gateway in
            let json = [("Content-Type", "application/json")]
            let answers: [(Int, RunningGateway.Reply)] = [
                (403, try await gateway.request(.PUT, "/items/1", headers: json, body: "{}")),
                (
                    401,
                    try await gateway.request(
                        .PUT, "/items/1", headers: json + [("Authorization", "Bearer not a token")], body: "{}")
                ),
                (
                    400,
                    try await gateway.request(
                        .PUT, "/items/0", headers: json + [("X-API-Key", roomy), ("X-Trace", "abc")],
                        body: #"{"name": 5}"#)
                ),
                (
                    413,
                    try await gateway.request(
                        .PUT, "/items/1", headers: json + [("X-API-Key", roomy)],
                        body: #"{"name": "\#(String(repeating: "a", count: 100))"}"#)
                ),
                (
                    415,
                    try await gateway.request(
                        .PUT, "/items/1", headers: [("Content-Type", "text/plain"), ("X-API-Key", roomy)], body: "a")
                ),
                (200, try await gateway.request(.PUT, "/items/1", headers: json + [("X-API-Key", tight)], body: "{}")),
                (429, try await gateway.request(.PUT, "/items/1", headers: json + [("X-API-Key", tight)], body: "{}")),
            ]
            for (status, reply) in answers {
                #expect(reply.status == status, "\(reply.body)")
                guard status != 200 else { continue }
                #expect(reply.headers["Content-Type"] == ["application/problem+json"])
                let body = try #require(reply.json, "\(status): \(reply.body)")
                let issues = strict.validate(body, options: ValidationOptions(direction: .response))
                #expect(issues.map(\.description) == [], "\(status): \(reply.body)")
            }
            // The 400 names each failing part in the common members.
            let invalid = try #require(answers.first { $0.0 == 400 }?.1.json?["errors"]?.arrayValue)
            let places = invalid.map { error in
                ["pointer", "parameter", "header"].compactMap { key in error[key]?.stringValue.map { "\(key)=\($0)" } }
            }
            #expect(Set(places.joined()) == ["pointer=/name", "parameter=id", "header=X-Trace"])
        }
    }
}
