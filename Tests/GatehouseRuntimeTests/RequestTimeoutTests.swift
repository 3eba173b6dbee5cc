import Foundation
import GatehouseJSON
import Testing

@testable import GatehouseRuntime

/// A request with a body that takes longer than the request timeout is answered 504, while the work it started is
/// cancelled; a quick one is answered as usual.
struct RequestTimeoutTests {
    @Test(.timeLimit(.minutes(1)))
    func aSlowHandlerIsAnsweredWith504AndCancelled() async throws {
        let cancelled = Flag()
        var handlers = OperationHandlers()
        handlers.register("createList") { request in
            if request.decodedBody?["name"]?.stringValue == "slow" {
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    cancelled.set()
                    throw error
                }
            }
            return HandlerResponse(
                status: 201, headers: [("Content-Type", "application/json")],
                body: Array(#"{"id":1,"name":"quick","todoCount":0,"createdAt":"2026-01-01T00:00:00Z"}"#.utf8))
        }
        var configuration = RunningGateway.openAccess
        // Long enough that the quick request never meets it on a loaded machine; deadlines are swept each second.
        configuration.requestTimeout = .seconds(3)
        try await RunningGateway.with(spec: "specs/todo.yaml", configuration: configuration, handlers: handlers) {
            gateway in
            let json = [("Content-Type", "application/json")]
            let slow = try await gateway.request(.POST, "/api/lists", headers: json, body: #"{"name":"slow"}"#)
            #expect(slow.status == 504)
            #expect(slow.json?["title"] == .string("Gateway Timeout"))
            let quick = try await gateway.request(.POST, "/api/lists", headers: json, body: #"{"name":"quick"}"#)
            #expect(quick.status == 201)
            // The slow handler's task is cancelled once its request is answered.
            for _ in 0..<100 where !cancelled.isSet { try await Task.sleep(for: .milliseconds(50)) }
            #expect(cancelled.isSet)
        }
    }

    final class Flag: @unchecked Sendable {
        // @unchecked: `value` is only read and written under `lock`.
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
