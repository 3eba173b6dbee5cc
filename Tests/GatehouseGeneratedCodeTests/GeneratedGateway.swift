import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import Logging
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A gateway serving one of specs/ on an ephemeral loopback port, optionally with generated-stub handlers, for the
/// length of a test.
enum GeneratedGateway {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Serves `spec` (relative to the repository) and runs `body` with the base URL of the contract's routes.
    ///
    /// Security is not enforced unless `access` says so: the server-stub tests are about handlers, not keys. Tests
    /// that enforce it issue keys into `store`, where the gateway looks them up.
    static func with<T>(
        spec: String,
        store: (any TableStore)? = nil,
        handlers: OperationHandlers = OperationHandlers(),
        validatesResponses: Bool = false,
        access: AccessConfiguration = AccessConfiguration(enforcesSecurity: false),
        maxBodySize: Int? = nil,
        _ body: (URL) async throws -> T
    ) async throws -> T {
        let output = try SpecFrontEnd().run(path: repositoryRoot + "/" + spec)
        let model = try #require(output.model, "\(output.diagnostics)")
        var configuration = RuntimeConfiguration(host: "127.0.0.1", port: 0)
        configuration.validatesResponses = validatesResponses
        configuration.access = access
        if let maxBodySize { configuration.maxBodySize = maxBodySize }
        var logger = Logger(label: "gatehouse-generated-test")
        logger.logLevel = .critical
        let gateway = Gateway(
            model: model, configuration: configuration, logger: logger, store: store, handlers: handlers)
        let basePath = gateway.contract.basePath
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            try await gateway.makeApplication { port in continuation.yield(port) }.run()
        }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(basePath)"))
        let result = try await body(url)
        server.cancel()
        _ = await server.result
        return result
    }
}

/// The requests a test client sent, so tests can see what went over the wire (each client module's transport
/// records into one).
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var method: String
        var url: URL
        var headers: [(name: String, value: String)]
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private var entries: [Entry] = []

    func record(_ entry: Entry) {
        lock.withLock { entries.append(entry) }
    }

    var last: Entry? { lock.withLock { entries.last } }

    /// The value of header `name` in the last request.
    func lastHeader(_ name: String) -> String? {
        last?.headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
