import AsyncHTTPClient
import Logging
import NIOCore
import ServiceLifecycle

/// The connection pool to the backends (AsyncHTTPClient), one per gateway, shared across contract reloads; a
/// service of the gateway's group, so it is shut down after the server has stopped.
final class UpstreamClient: Service, Sendable {
    let client: HTTPClient
    /// How long the backend may take to send its status and headers.
    let timeout: Duration

    init(timeout: Duration) {
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        configuration.timeout = .init(
            // A stopped backend is a 502 at once, not after retries until the connect timeout (`--fallback mock`
            // answers from the mock then).
            connect: .nanoseconds(min(nanoseconds, 10_000_000_000)),
            // A body that stops flowing for as long as the backend may take to answer is cut off.
            read: .nanoseconds(nanoseconds)
        )
        configuration.connectionPool.retryConnectionEstablishment = false
        // As many connections per backend as a busy gateway has callers in flight; idle ones are closed after 60 s.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 512
        // The backend's redirects and compression are the client's business: passed on, not followed or undone.
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        // No client spans: the gateway passes the caller's `traceparent` on itself, and the client's default no-op
        // tracer still costs a span's attributes (the URL taken apart again) on every call.
        configuration.tracing.tracer = nil
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The backend's answer head, or the error: `HTTPClientError.deadlineExceeded` past the timeout, a connect error
    /// when the backend cannot be reached. The body is streamed from the returned response.
    func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return try await client.execute(request, deadline: .now() + .nanoseconds(nanoseconds))
    }

    /// Waits for the gateway to shut down (or the task to be cancelled), then closes the pool.
    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}
