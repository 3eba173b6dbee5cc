public import GatehouseSpec
public import GatehouseJSON
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
    let metrics = GatewayMetrics()
    let logger: Logger
    /// The spec file to watch for changes, when `--watch` is on.
    let watchedSpec: String?

    /// The store table-backed mocks use; nil serves stateless mocks.
    let store: (any TableStore)?
    /// Authentication and usage plans; holds the key cache and token buckets across reloads.
    let gatekeeper: Gatekeeper
    /// Operation implementations (generated server stubs); the rest are answered by the mock engine.
    let handlers: OperationHandlers

    /// - Parameters:
    ///   - store: Where table-backed mocks keep items (nil: stateless mocks); also API keys and usage counters
    ///     unless `keyStore` is given.
    ///   - keyStore: Where API keys and usage counters live, when not in `store`.
    public init(
        model: APIModel,
        configuration: RuntimeConfiguration,
        logger: Logger,
        store: (any TableStore)? = nil,
        keyStore: (any TableStore)? = nil,
        watching specPath: String? = nil,
        handlers: OperationHandlers = OperationHandlers()
    ) {
        self.handlers = handlers
        self.configuration = configuration
        self.store = store
        self.gatekeeper = Gatekeeper(configuration: configuration.access, store: keyStore ?? store, logger: logger)
        self.box = StateBox(GatewayState(model: model, configuration: configuration, store: store))
        self.logger = logger
        self.watchedSpec = specPath
    }

    /// The contract being served now (it changes when `--watch` reloads).
    public var state: GatewayState { box.current }

    /// The Hummingbird application; `onServerRunning` receives the port actually bound (useful with port 0).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let responder = GatewayResponder(
            box: box, configuration: configuration, metrics: metrics, logger: logger, gatekeeper: gatekeeper,
            handlers: handlers)
        var services: [any Service] = []
        if let meter = gatekeeper.meter {
            services.append(
                UsageFlusher(
                    meter: meter, interval: configuration.access.usageFlushInterval,
                    clock: configuration.access.clock))
        }
        if let watchedSpec {
            services.append(
                SpecWatcher(specPath: watchedSpec, box: box, configuration: configuration, store: store, logger: logger)
            )
        }
        return Application(
            responder: responder,
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
