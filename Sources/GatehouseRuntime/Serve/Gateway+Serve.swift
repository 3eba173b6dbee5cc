import GatehouseJSON
import GatehouseSpec
public import Logging

extension Gateway {
    /// Why `serve(specPath:…)` could not start: the contract cannot be read or has errors.
    public struct LaunchError: Error, Sendable, CustomStringConvertible {
        /// The diagnostics, rendered as `gatehouse check` prints them.
        public var description: String
    }

    /// Loads the contract at `specPath` and serves it with `handlers` (usually a generated stub implementation's
    /// `makeHandlers()`) until SIGINT or SIGTERM; operations without a handler are answered by the mock engine.
    ///
    /// This is what a small executable target in an API team's package calls to run `gatehouse serve` with their
    /// own Swift implementation.
    @available(
        *, deprecated,
        message: """
            serves without the store, the API keys and the options of 'gatehouse serve'; import GatehouseServe and \
            call 'Gateway.serve(specPath:handlers:options:)' with '@OptionGroup var gateway: GatewayOptions'
            """
    )
    public static func serve(
        specPath: String,
        handlers: OperationHandlers,
        configuration: RuntimeConfiguration = RuntimeConfiguration(),
        logger: Logger = Logger(label: "gatehouse")
    ) async throws {
        let loaded: ContractLoader.Loaded
        do {
            loaded = try ContractLoader().load(path: specPath)
        } catch {
            throw LaunchError(description: "error: \(error)")
        }
        guard let model = loaded.model, loaded.isServable else {
            throw LaunchError(description: String(loaded.refusal(path: specPath).dropLast()))
        }
        let gateway = Gateway(model: model, configuration: configuration, logger: logger, handlers: handlers)
        try await gateway.run { port in
            logger.info(
                "serving '\(model.info.title)' on http://\(configuration.host):\(port)\(gateway.contract.basePath)")
        }
    }
}
