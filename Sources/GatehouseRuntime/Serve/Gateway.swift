import GatehouseJSON
public import GatehouseSpec
public import GatehouseStore
public import Hummingbird
public import Logging
import ServiceLifecycle

/// The gateway: serves a contract's routes with request validation and mock responses, on Hummingbird.
///
/// `run()` serves until SIGINT or SIGTERM and then shuts down gracefully (in-flight requests finish). Tests build
/// the application with `makeApplication` and run it on an ephemeral port.
public struct Gateway: Sendable {
    public let configuration: RuntimeConfiguration
    let box: StateBox
    let logger: Logger
    /// The spec file to watch for changes, when `--watch` is on.
    let watchedSpec: String?
    /// What every compiled contract shares across reloads: the key cache, the token buckets and pending counts,
    /// the metrics, the handlers and the store.
    let parts: CompiledContract.Parts

    /// - Parameters:
    ///   - store: Where table-backed mocks keep items (nil: stateless mocks); also API keys and usage counters
    ///     unless `keyStore` is given.
    ///   - keyStore: Where API keys and usage counters live, when not in `store`.
    ///   - recorder: Where every exchange is recorded (`--record`).
    public init(
        model: APIModel,
        configuration: RuntimeConfiguration,
        logger: Logger,
        store: (any TableStore)? = nil,
        keyStore: (any TableStore)? = nil,
        watching specPath: String? = nil,
        handlers: OperationHandlers = OperationHandlers(),
        recorder: ExchangeRecorder? = nil
    ) {
        self.init(
            model: model, configuration: configuration, logger: logger, store: store, keyStore: keyStore,
            watching: specPath, handlers: handlers, decoding: nil, recorder: recorder)
    }

    /// `decoding` wraps each operation's request decoding (a test counts the reads with it).
    init(
        model: APIModel,
        configuration: RuntimeConfiguration,
        logger: Logger,
        store: (any TableStore)?,
        keyStore: (any TableStore)?,
        watching specPath: String?,
        handlers: OperationHandlers,
        decoding: (@Sendable (any RequestDecoding) -> any RequestDecoding)?,
        recorder: ExchangeRecorder? = nil
    ) {
        self.configuration = configuration
        self.parts = CompiledContract.Parts(
            authenticator: Authenticator(configuration: configuration.access, store: keyStore ?? store, logger: logger),
            meter: UsagePlanMeter(configuration: configuration.access, store: keyStore ?? store, logger: logger),
            metrics: GatewayMetrics(),
            handlers: handlers,
            store: store,
            logger: logger,
            upstream: configuration.upstream.map { UpstreamClient(timeout: $0.timeout) },
            recorder: recorder,
            decoding: decoding
        )
        self.box = StateBox(CompiledContract(model: model, configuration: configuration, parts: parts))
        self.logger = logger
        self.watchedSpec = specPath
    }

    /// The contract being served now (it changes when `--watch` reloads).
    public var contract: CompiledContract { box.current }

    /// The Hummingbird application; `onServerRunning` receives the port actually bound (useful with port 0).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = GatewayPipeline(
            box: box,
            cors: CORSPolicy(origins: configuration.corsOrigins),
            accessLog: AccessLog(logger: logger, jsonLogs: configuration.jsonLogs),
            metrics: parts.metrics,
            deadlines: RequestDeadlines(timeout: configuration.requestTimeout)
        )
        var services: [any Service] = []
        // Listed first, so it is shut down after the server, once no request is in flight.
        if let upstream = parts.upstream { services.append(upstream) }
        if let meter = parts.meter.meter {
            services.append(
                UsageFlusher(
                    meter: meter, interval: configuration.access.usageFlushInterval,
                    clock: configuration.access.clock))
        }
        if let watchedSpec {
            services.append(
                SpecWatcher(specPath: watchedSpec, box: box, configuration: configuration, parts: parts, logger: logger)
            )
        }
        let uploadTimeout = configuration.requestTimeout
        return Application(
            responder: responder,
            server: .http1(
                configuration: .init(additionalChannelHandlers: [UploadDeadlineHandler(timeout: uploadTimeout)])),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "Gatehouse"
            ),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM.
    public func run(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(onServerRunning: onServerRunning).runService()
    }
}
