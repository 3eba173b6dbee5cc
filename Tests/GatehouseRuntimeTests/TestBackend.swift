import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A real backend on an ephemeral loopback port for the upstream tests: it keeps every request it receives (method,
/// path, query, headers, body bytes) and answers with what the test's `answer` closure says.
final class TestBackend: @unchecked Sendable {
    // @unchecked: `received` is only read and written under `lock`.
    struct Received: Sendable {
        var method: String
        var path: String
        var query: String
        var headers: HTTPFields
        var body: [UInt8]
        var authority: String?

        func header(_ name: String) -> String? {
            guard let name = HTTPField.Name(name), !headers[values: name].isEmpty else { return nil }
            return headers[values: name].joined(separator: ", ")
        }
    }

    struct Answer: Sendable {
        var status: Int = 200
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        var body: String = "{}"
        /// How long to wait before answering (a slow backend).
        var delay: Duration = .zero
        /// Send the body without a `Content-Length` (chunked), as a backend that does not know it in advance.
        var lengthUnknown = false
    }

    private let lock = NSLock()
    private var received: [Received] = []
    let port: Int

    var requests: [Received] { lock.withLock { received } }
    var count: Int { lock.withLock { received.count } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(port: Int) {
        self.port = port
    }

    fileprivate func keep(_ request: Received) {
        lock.withLock { received.append(request) }
    }

    /// How the backend answers each request.
    struct Answering: Sendable {
        let answer: @Sendable (Received) async -> Answer

        static func custom(_ answer: @escaping @Sendable (Received) async -> Answer) -> Answering {
            Answering(answer: answer)
        }

        /// The same answer to every request.
        static func always(_ answer: Answer) -> Answering { Answering { _ in answer } }
    }

    /// Serves `answering` on a free port while `body` runs, then stops.
    static func with<T>(
        answering: Answering,
        _ body: (TestBackend) async throws -> T
    ) async throws -> T {
        let answer = answering.answer
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let box = BackendBox()
        var logger = Logger(label: "test-backend")
        logger.logLevel = .critical
        let application = Application(
            responder: BackendResponder(box: box, answer: answer),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let server = Task { try await application.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let backend = TestBackend(port: port)
        box.backend = backend
        let result = try await body(backend)
        server.cancel()
        _ = await server.result
        return result
    }

    /// A port nothing listens on: a backend started and stopped.
    static func stoppedPort() async throws -> Int {
        try await with(answering: .always(Answer())) { $0.port }
    }
}

/// Hands the backend to the responder once the port is known.
final class BackendBox: @unchecked Sendable {
    // @unchecked: set once before the first request reaches the responder, read only after.
    var backend: TestBackend?
}

struct BackendResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let box: BackendBox
    let answer: @Sendable (TestBackend.Received) async -> TestBackend.Answer

    func respond(to request: Request, context: Context) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let received = TestBackend.Received(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: request.headers, body: Array(bytes.readableBytesView), authority: request.head.authority)
        box.backend?.keep(received)
        let planned = await answer(received)
        if planned.delay > .zero { try await Task.sleep(for: planned.delay) }
        var headers = HTTPFields()
        for (name, value) in planned.headers { headers.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        let answerBytes = ByteBuffer(string: planned.body)
        guard planned.lengthUnknown else {
            return Response(
                status: .init(code: planned.status), headers: headers, body: ResponseBody(byteBuffer: answerBytes))
        }
        return Response(
            status: .init(code: planned.status), headers: headers,
            body: ResponseBody { writer in
                try await writer.write(answerBytes)
                try await writer.finish(nil)
            })
    }
}
