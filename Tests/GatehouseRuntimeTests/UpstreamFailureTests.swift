import Foundation
import GatehouseJSON
import GatehouseStore
import Testing

@testable import GatehouseRuntime

/// A slow backend, a stopped one, `--fallback mock`, and keys and plans in front: the gateway answers for the
/// backend and keeps serving.
struct UpstreamFailureTests {
    @Test func aSlowBackendGives504AndTheGatewayKeepsServing() async throws {
        // The pause is far longer than the gateway's timeout: a missed timeout shows as a hang, which the client's
        // own 30 s limit catches. The timeout leaves a loaded machine's backend time to answer the other calls.
        let slow = TestBackend.Answering.custom { request in
            guard request.path == "/api/pets/9" else { return await UpstreamGateway.petAnswer(request) }
            return .init(body: "{}", delay: .seconds(60))
        }
        try await UpstreamGateway.with(answering: slow, settings: .init(timeout: .milliseconds(2500))) {
            gateway, _, lines in
            let slow = try await gateway.request(.GET, "/v1/pets/9")
            #expect(slow.status == 504)
            #expect(slow.headers["Content-Type"] == ["application/problem+json"])
            #expect(slow.json?["detail"] == .string("the backend did not answer within 2.5 seconds"))
            #expect(lines.all.contains { $0.hasPrefix("the backend did not answer") && $0.contains("failure=timeout") })
            #expect(try await gateway.request(.GET, "/v1/pets/1").status == 200)
            let metrics = try await gateway.request(.GET, "/metrics")
            #expect(metrics.body.contains(#"gatehouse_upstream_failures_total{operation="getPet",reason="timeout"} 1"#))
            #expect(metrics.body.contains(#"gatehouse_requests_total{operation="getPet",status="504"} 1"#))
        }
    }

    @Test func aStoppedBackendGives502AndTheGatewayKeepsServing() async throws {
        let port = try await TestBackend.stoppedPort()
        try await UpstreamGateway.with(settings: .init(url: "http://127.0.0.1:\(port)/api")) { gateway, _, lines in
            for _ in 0..<3 {
                let reply = try await gateway.request(.GET, "/v1/pets/1")
                #expect(reply.status == 502)
                #expect(reply.json?["detail"] == .string("the backend could not be reached"))
            }
            #expect(lines.all.contains { $0.contains("failure=unreachable") })
            #expect(try await gateway.request(.GET, "/v1/health").status == 200)
            let metrics = try await gateway.request(.GET, "/metrics")
            #expect(
                metrics.body.contains(#"gatehouse_upstream_failures_total{operation="getPet",reason="unreachable"} 3"#))
        }
    }

    @Test func fallbackMockAnswersWhenTheBackendIsDownOrAnswers501() async throws {
        let port = try await TestBackend.stoppedPort()
        let down = UpstreamGateway.Settings(fallsBackToMock: true, url: "http://127.0.0.1:\(port)/api")
        try await UpstreamGateway.with(settings: down) { gateway, _, _ in
            let reply = try await gateway.request(.GET, "/v1/pets/1")
            #expect(reply.status == 200)
            #expect(reply.json?["name"]?.stringValue != nil)
            #expect(reply.headers["Gatehouse-Contract-Violation"] == [])
        }
        let unimplemented = TestBackend.Answering.custom { request in
            guard request.path == "/api/pets" else { return await UpstreamGateway.petAnswer(request) }
            return .init(status: 501, body: "{}")
        }
        try await UpstreamGateway.with(answering: unimplemented, settings: .init(fallsBackToMock: true)) {
            gateway, backend, _ in
            let list = try await gateway.request(.GET, "/v1/pets")
            #expect(list.status == 200)
            #expect(list.json?.arrayValue != nil)
            #expect(backend.count == 1)
            // A backend that answers is not replaced.
            #expect(try await gateway.request(.GET, "/v1/pets/2").headers["Gatehouse-Contract-Violation"].count == 1)
        }
    }

    static let keyedSpec = """
        openapi: 3.0.3
        info: {title: Keyed backend, version: '1'}
        paths:
          /things:
            get:
              operationId: listThings
              security: [{key: []}]
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: object}}}}
        components:
          securitySchemes:
            key: {type: apiKey, in: header, name: X-API-Key}
        x-gatehouse-usage-plans:
          default: daily
          plans:
            daily:
              quota: {limit: 2, period: DAY}
        """

    @Test func keysAndQuotasAreEnforcedBeforeTheBackendIsCalled() async throws {
        let store = MemoryTableStore()
        let secret = try await APIKeyStore(store: store).create(name: "alice", plan: nil).secret
        try await UpstreamGateway.with(spec: Self.keyedSpec, answering: .always(.init()), keyStore: store) {
            gateway, backend, _ in
            // Without a key, or with one the store does not know, the gateway refuses (as a managed gateway does).
            let anonymous = try await gateway.request(.GET, "/things")
            #expect(anonymous.status == 403)
            #expect(try await gateway.request(.GET, "/things", headers: [("X-API-Key", "wrong")]).status == 403)
            #expect(backend.count == 0)
            let key = [("X-API-Key", secret)]
            let first = try await gateway.request(.GET, "/things", headers: key)
            #expect(first.status == 200)
            #expect(try await gateway.request(.GET, "/things", headers: key).status == 200)
            let exhausted = try await gateway.request(.GET, "/things", headers: key)
            #expect(exhausted.status == 429)
            #expect(backend.count == 2)
            // The backend got the caller's key (it is the backend's business too).
            #expect(backend.requests.first?.header("X-API-Key") == secret)
        }
    }
}
