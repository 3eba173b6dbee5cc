import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseValidation
import Synchronization
import Testing

@testable import GatehouseRuntime

/// A request is read once: the decode stage decodes its parameters and body, and the responder (a stateful table or
/// a Swift handler) works from that value. The decoding here is instrumented: it counts its reads and marks the
/// decoded body, so an answer built from the raw bytes again would show neither.
struct RequestReadOnceTests {
    /// Wraps an operation's decoding: counts the reads and appends " (decoded once)" to a body's `name`.
    struct CountingDecoding: RequestDecoding {
        let wrapped: any RequestDecoding
        let reads: Counter

        var readsHeaders: Bool { wrapped.readsHeaders }

        func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?) -> DecodedRequest {
            reads.add()
            var decoded = wrapped.decode(request, scope: scope)
            if case .object(var body)? = decoded.body, let name = body["name"]?.stringValue {
                body["name"] = .string(name + " (decoded once)")
                decoded.body = .object(body)
            }
            return decoded
        }
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    static let json = [("Content-Type", "application/json")]

    @Test func aStatefulCreateStoresTheDecodedBodyAndReadsTheRequestOnce() async throws {
        let reads = Counter()
        let counting: @Sendable (any RequestDecoding) -> any RequestDecoding = {
            CountingDecoding(wrapped: $0, reads: reads)
        }
        try await RunningGateway.with(
            spec: "specs/todo.yaml",
            configuration: RunningGateway.openAccess,
            store: MemoryTableStore(),
            decoding: counting
        ) { gateway in
            let created = try await gateway.request(
                .POST, "/api/lists", headers: Self.json, body: #"{"name":"Groceries"}"#)
            #expect(created.status == 201)
            #expect(reads.count == 1)
            let id = try #require(created.json?["id"])
            #expect(created.json?["name"] == .string("Groceries (decoded once)"))
            let read = try await gateway.request(.GET, "/api/lists/\(JSONWriter.string(id))")
            #expect(read.status == 200)
            #expect(read.json?["name"] == .string("Groceries (decoded once)"))
            #expect(reads.count == 2)
        }
    }

    @Test func aHandlerGetsTheDecodedRequestAndItIsReadOnce() async throws {
        let reads = Counter()
        var handlers = OperationHandlers()
        handlers.register("createList") { request in
            // The handler answers with the body it was handed, decoded: its `name` carries the decoder's mark.
            let body = JSONWriter.string(request.decodedBody ?? .null)
            return HandlerResponse(status: 201, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        }
        let counting: @Sendable (any RequestDecoding) -> any RequestDecoding = {
            CountingDecoding(wrapped: $0, reads: reads)
        }
        try await RunningGateway.with(
            spec: "specs/todo.yaml",
            configuration: RunningGateway.openAccess,
            handlers: handlers,
            decoding: counting
        ) { gateway in
            let created = try await gateway.request(.POST, "/api/lists", headers: Self.json, body: #"{"name":"Work"}"#)
            #expect(created.status == 201)
            #expect(created.json?["name"] == .string("Work (decoded once)"))
            #expect(reads.count == 1)
        }
    }
}
