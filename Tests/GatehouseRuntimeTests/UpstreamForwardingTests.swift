import Foundation
import GatehouseJSON
import Testing

@testable import GatehouseRuntime

/// `serve --upstream`: what the backend receives, and what never reaches it.
struct UpstreamForwardingTests {
    @Test func aValidRequestArrivesWithItsPathQueryHeadersAndBodyBytes() async throws {
        try await UpstreamGateway.with { gateway, backend, _ in
            let body = #"{"name": "Rex \u00e9"}"#
            let reply = try await gateway.request(
                .POST, "/v1/pets?tag=a%20b&tag=c",
                headers: [
                    ("Content-Type", "application/json"), ("X-Custom", "kept"), ("X-Request-Id", "trace-42"),
                    ("Connection", "keep-alive, X-Hop"), ("X-Hop", "dropped"), ("Keep-Alive", "timeout=5"),
                    ("X-Forwarded-For", "203.0.113.9"),
                ],
                body: body)
            #expect(reply.status == 201)
            #expect(reply.json?["name"] == .string("Created"))
            #expect(reply.headers["X-Request-Id"] == ["trace-42"])
            let received = try #require(backend.requests.first)
            #expect(backend.count == 1)
            #expect(received.method == "POST")
            #expect(received.path == "/api/pets")
            #expect(received.query == "tag=a%20b&tag=c")
            #expect(received.body == Array(body.utf8))
            #expect(received.header("X-Custom") == "kept")
            #expect(received.header("Content-Type") == "application/json")
            #expect(received.header("X-Request-Id") == "trace-42")
            // Hop-by-hop fields stay on their hop, the ones `Connection` names too.
            #expect(received.header("X-Hop") == nil)
            #expect(received.header("Keep-Alive") == nil)
            // Host is the backend's; the caller's host and address travel in the forwarding headers.
            #expect(received.authority == "127.0.0.1:\(backend.port)")
            #expect(received.header("X-Forwarded-For") == "203.0.113.9, 127.0.0.1")
            #expect(received.header("X-Forwarded-Proto") == "http")
            #expect(received.header("X-Forwarded-Host") == "127.0.0.1:\(gateway.port)")
            #expect(received.header("Forwarded") == "for=127.0.0.1;host=\"127.0.0.1:\(gateway.port)\";proto=http")
            let traceparent = try #require(received.header("traceparent"))
            #expect(TraceParent.isWellFormed(traceparent))
        }
    }

    @Test func aTraceparentIsPassedOnAndAMalformedOneReplaced() async throws {
        try await UpstreamGateway.with { gateway, backend, _ in
            let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            _ = try await gateway.request(.GET, "/v1/pets/1", headers: [("traceparent", trace)])
            _ = try await gateway.request(.GET, "/v1/pets/1", headers: [("traceparent", "00-nonsense-01")])
            let received = backend.requests
            #expect(received.count == 2)
            #expect(received.first?.header("traceparent") == trace)
            let replaced = try #require(received.last?.header("traceparent"))
            #expect(replaced != "00-nonsense-01")
            #expect(TraceParent.isWellFormed(replaced))
            // Without a caller's id the gateway makes one, and the backend gets the same.
            #expect(received.first?.header("X-Request-Id")?.count == 36)
        }
    }

    @Test func requestViolationsNeverReachTheBackend() async throws {
        try await UpstreamGateway.with { gateway, backend, _ in
            let json = [("Content-Type", "application/json")]
            let badBody = try await gateway.request(.POST, "/v1/pets", headers: json, body: #"{"name": 7}"#)
            #expect(badBody.status == 400)
            #expect(badBody.headers["Content-Type"] == ["application/problem+json"])
            let extra = try await gateway.request(.POST, "/v1/pets", headers: json, body: #"{"name": "a", "x": 1}"#)
            #expect(extra.status == 400)
            let badQuery = try await gateway.request(.GET, "/v1/pets?limit=many")
            #expect(badQuery.status == 400)
            let badPath = try await gateway.request(.GET, "/v1/pets/rex")
            #expect(badPath.status == 400)
            let badType = try await gateway.request(
                .POST, "/v1/pets", headers: [("Content-Type", "text/plain")], body: "Rex")
            #expect(badType.status == 415)
            let unknown = try await gateway.request(.GET, "/v1/owners")
            #expect(unknown.status == 404)
            #expect(backend.count == 0)
            // A valid one goes through.
            #expect(try await gateway.request(.GET, "/v1/pets?limit=3").status == 200)
            #expect(backend.count == 1)
            #expect(backend.requests.first?.query == "limit=3")
        }
    }

    @Test func reportOnlyForwardsAnInvalidRequestAndSaysSo() async throws {
        try await UpstreamGateway.with(settings: .init(forwardsInvalidRequests: true)) { gateway, backend, lines in
            let reply = try await gateway.request(
                .POST, "/v1/pets", headers: [("Content-Type", "application/json")], body: #"{"name": 7}"#)
            #expect(reply.status == 201)
            #expect(backend.count == 1)
            let header = try #require(reply.headers["Gatehouse-Contract-Violation"].first)
            #expect(header == "request: body/name: expected a string, found an integer 7")
            #expect(lines.all.contains { $0.contains("request breaks the contract; forwarded (--report-only)") })
        }
    }

    @Test func noValidationForwardsAnInvalidRequestAndCORSPreflightsStayAtTheGateway() async throws {
        try await UpstreamGateway.with(settings: .init(validatesRequests: false, corsOrigins: ["https://app.example"]))
        {
            gateway, backend, _ in
            let reply = try await gateway.request(
                .POST, "/v1/pets", headers: [("Content-Type", "application/json"), ("Origin", "https://app.example")],
                body: #"{"name": 7}"#)
            #expect(reply.status == 201)
            #expect(reply.headers["Gatehouse-Contract-Violation"] == [])
            #expect(reply.headers["Access-Control-Allow-Origin"] == ["https://app.example"])
            #expect(backend.count == 1)
            let preflight = try await gateway.request(
                .OPTIONS, "/v1/pets",
                headers: [("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST")])
            #expect(preflight.status == 204)
            #expect(backend.count == 1)
        }
    }

    @Test func anOperationOnItsMockIsAnsweredByTheGateway() async throws {
        try await UpstreamGateway.with(settings: .init(mockOperations: ["listPets"])) { gateway, backend, _ in
            let health = try await gateway.request(.GET, "/v1/health")
            #expect(health.status == 200)
            #expect(health.json?["status"] == .string("mocked"))
            let list = try await gateway.request(.GET, "/v1/pets")
            #expect(list.status == 200)
            #expect(backend.count == 0)
            #expect(try await gateway.request(.GET, "/v1/pets/1").status == 200)
            #expect(backend.count == 1)
        }
    }

    @Test func anHTTPIntegrationChoosesItsOwnBackendPathAndParameters() async throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Integrations, version: '1'}
            paths:
              /pets/{petId}:
                get:
                  operationId: getPet
                  parameters:
                    - {name: petId, in: path, required: true, schema: {type: integer}}
                    - {name: q, in: query, schema: {type: string}}
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: BACKEND/legacy/animals/{id}
                    requestParameters:
                      integration.request.path.id: method.request.path.petId
                      integration.request.header.X-Tenant: "'acme'"
                      integration.request.querystring.search: method.request.querystring.q
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {type: object}}}}
              /other:
                get:
                  operationId: other
                  responses:
                    '200': {description: ok, content: {application/json: {schema: {type: object}}}}
            """
        try await UpstreamGateway.with(spec: spec, answering: .always(.init())) { gateway, backend, _ in
            let integrated = try await gateway.request(.GET, "/pets/12?q=red%20cat")
            let mapped = try await gateway.request(.GET, "/other")
            #expect(integrated.status == 200)
            #expect(mapped.status == 200)
            let received = backend.requests
            #expect(received.count == 2)
            #expect(received.first?.path == "/legacy/animals/12")
            #expect(received.first?.query == "q=red%20cat&search=red%20cat")
            #expect(received.first?.header("X-Tenant") == "acme")
            // Without an integration, the `--upstream` URL.
            #expect(received.last?.path == "/api/other")
        }
    }
}
