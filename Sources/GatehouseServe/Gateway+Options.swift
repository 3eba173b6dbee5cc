public import GatehouseRuntime

extension Gateway {
    /// Serves the contract at `specPath` as `gatehouse serve` does, with the same options, store, keys, usage plans
    /// and banner, and with `handlers` (usually a generated stub implementation's `makeHandlers()`) answering their
    /// operations; the others are answered by the mock engine. Runs until SIGINT or SIGTERM.
    ///
    /// A problem (a contract with errors, a store that cannot be opened, an unusable option) is written to standard
    /// error and thrown as an `ExitCode` (1 for problems in the input, 64 for usage and I/O), which an
    /// `AsyncParsableCommand` turns into its exit status. Options come from parsing (`@OptionGroup`, or
    /// `GatewayOptions.parse(["--port", "9090"])`); the environment's `GATEHOUSE_*` variables apply either way.
    /// It bootstraps swift-log's `LoggingSystem` with the handler `--log-format` names, which a process may do only
    /// once: leave logging to it.
    public static func serve(specPath: String, handlers: OperationHandlers, options: GatewayOptions) async throws {
        try await GatewayLauncher.run(spec: specPath, options: options, handlers: handlers)
    }
}
