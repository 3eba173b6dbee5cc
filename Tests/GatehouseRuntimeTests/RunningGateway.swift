import AsyncHTTPClient
import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import GatehouseRuntime

/// A gateway serving a spec on an ephemeral loopback port for the length of a test, and a real HTTP client.
struct RunningGateway {
    let port: Int
    let gateway: Gateway

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String

        var json: JSONValue? { try? JSONParser.parse(Array(body.utf8)) }
    }

    /// Loads `spec` (a path relative to the repository, or inline YAML), serves it, runs `body`, then shuts down.
    static func with<T>(
        spec: String,
        configuration: RuntimeConfiguration = RuntimeConfiguration(),
        store: (any TableStore)? = nil,
        keyStore: (any TableStore)? = nil,
        watching: Bool = false,
        logger: Logger? = nil,
        handlers: OperationHandlers = OperationHandlers(),
        decoding: (@Sendable (any RequestDecoding) -> any RequestDecoding)? = nil,
        recorder: ExchangeRecorder? = nil,
        _ body: (RunningGateway) async throws -> T
    ) async throws -> T {
        let output: SpecFrontEnd.Output
        let specPath: String
        if spec.hasSuffix(".yaml") || spec.hasSuffix(".json") {
            specPath = spec.hasPrefix("/") ? spec : repositoryRoot + "/" + spec
            output = try SpecFrontEnd().run(path: specPath)
        } else {
            specPath = "inline.yaml"
            output = SpecFrontEnd().run(bytes: Array(spec.utf8), path: specPath)
        }
        let model = try #require(output.model, "\(output.diagnostics)")
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let logger =
            logger
            ?? {
                var logger = Logger(label: "gatehouse-test")
                logger.logLevel = .warning
                return logger
            }()
        let gateway = Gateway(
            model: model,
            configuration: configuration,
            logger: logger,
            store: store,
            keyStore: keyStore,
            watching: watching ? specPath : nil,
            handlers: handlers,
            decoding: decoding,
            recorder: recorder
        )
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            try await gateway.makeApplication { port in continuation.yield(port) }.run()
        }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result = try await body(RunningGateway(port: port, gateway: gateway))
        server.cancel()
        _ = await server.result
        return result
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// For tests of mocks, routing and parsing on contracts that require API keys (specs/petstore.yaml): security
    /// is not what they exercise, so they serve with it off, as `gatehouse serve --no-auth` does.
    static let openAccess = RuntimeConfiguration(access: AccessConfiguration(enforcesSecurity: false))

    /// Sends a request with a 10 s deadline and reads the whole answer.
    func request(
        _ method: NIOHTTP1.HTTPMethod,
        _ path: String,
        headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }
}
