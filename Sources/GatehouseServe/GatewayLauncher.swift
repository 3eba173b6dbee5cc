import Foundation
import GatehouseJSON
package import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import Logging
import Synchronization

/// Starts the gateway from its options: loads the contract, opens the store and the key store, builds the runtime's
/// configuration, writes the banner and serves until SIGINT or SIGTERM. `gatehouse serve` and a Swift server on the
/// generated stubs (`Gateway.serve(specPath:handlers:options:)`) both start here.
package enum GatewayLauncher {
    /// Serves `spec` with `options`; operations with a handler in `handlers` are answered by it, the others by the
    /// mock engine. Problems are written to standard error and end the run with `ExitStatus`'s codes.
    package static func run(spec: String, options: GatewayOptions, handlers: OperationHandlers) async throws {
        var options = options
        // Options built in code rather than parsed get their environment variables and their checks here too.
        do {
            try options.validate()
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        // A reader of the banner or the logs that goes away (`gatehouse serve … | head -3`) must not stop the
        // server: the text is lost, the serving goes on. Sockets are written without SIGPIPE either way.
        signal(SIGPIPE, SIG_IGN)
        // AccessOptions reports unusable usage plans in its own words (and refuses them).
        let (model, _) = try ContractLoading.load(spec, purpose: "before serving it", deferring: [Rule.usagePlans.id])
        let format = options.logFormat
        let level = Logger.Level(rawValue: options.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                format == .json ? JSONLogHandler(label: label) : TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "gatehouse")
        logger.logLevel = level

        let access = options.access
        let upstream = options.upstream
        let accessConfiguration = try await access.configuration(model: model, spec: spec)
        let upstreamConfiguration = try upstream.configuration(model: model)
        let recorder = try upstream.recorder()
        let configuration = RuntimeConfiguration(
            host: options.host,
            port: options.port,
            basePath: options.basePath,
            validatesRequests: !options.noValidation,
            validatesResponses: options.validateResponses,
            maxBodySize: options.maxBodySize,
            requestTimeout: .milliseconds(Int(options.requestTimeout * 1000)),
            corsOrigins: options.cors,
            metricsPath: options.metricsPath,
            jsonLogs: options.logFormat == .json,
            access: accessConfiguration,
            upstream: upstreamConfiguration
        )
        // Keys and usage counters live in the store even when mocks are stateless.
        let stateless = options.stateless
        let location = try StoreLocation.resolve(options.store)
        let keyStore = try await location.openOrExit()
        let tableStore = stateless ? nil : keyStore
        if let tableStore {
            do {
                try await Self.seed(model: model, store: tableStore, files: options.seed)
            } catch {
                await Self.close(keyStore, logger: logger)
                throw error
            }
        }
        // A file-size limit (ulimit -f) must fail the write that crosses it, not kill the server with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        let gateway = Gateway(
            model: model,
            configuration: configuration,
            logger: logger,
            store: tableStore,
            keyStore: keyStore,
            watching: options.watch ? spec : nil,
            handlers: handlers,
            recorder: recorder
        )
        let mocks = stateless ? nil : MockTableMap(model: model)
        StandardOutput.write(
            GatewayBanner.text(
                model: model, spec: spec, basePath: gateway.contract.basePath, mocks: mocks,
                forwarded: upstream.forwarded(model: model, configuration: upstreamConfiguration)) + "\n")
        StandardOutput.write(access.summary(model: model, configuration: accessConfiguration) + "\n")
        let upstreamSummary = upstream.summary(
            model: model, configuration: upstreamConfiguration, recorder: recorder)
        if !upstreamSummary.isEmpty { StandardOutput.write(upstreamSummary + "\n") }
        // The location's description replaces a PostgreSQL URL's password with `***`.
        StandardOutput.write("  store: \(location)\(stateless ? " (keys and usage only; mocks are stateless)" : "")\n")
        let host = options.host
        let basePath = gateway.contract.basePath
        let listening = Mutex(false)
        do {
            try await gateway.run { port in
                listening.withLock { $0 = true }
                // Written straight to the file handle so it is seen at once even when stdout is a pipe.
                StandardOutput.write("Listening on http://\(host):\(port)\(basePath) (Ctrl-C to stop)\n")
            }
        } catch {
            await Self.close(keyStore, logger: logger)
            // A socket error before the server listened is its address refused: said plainly, as a start error.
            if !listening.withLock({ $0 }),
                let message = ListenFailure.message(for: error, host: host, port: options.port)
            {
                StandardError.write(message + "\n")
                throw ExitStatus.usageOrIO
            }
            throw error
        }
        await Self.close(keyStore, logger: logger)
    }
}
