import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import GatehouseStoreSQLite
import Logging

/// `gatehouse serve`: the contract's routes as a running API, with validation and mock responses.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve an OpenAPI document's routes: request validation and mock responses from its examples and schemas.",
        discussion: """
            Mock responses: the lowest declared 2XX status and the first media type that fits Accept; then a named \
            example chosen with 'Prefer: example=NAME', a status chosen with 'Prefer: code=404', a generated \
            instance with 'Prefer: dynamic=true'; else the first example, else an instance generated from the \
            schema. Errors are application/problem+json (RFC 9457). Stops gracefully on SIGINT or SIGTERM.

            With --upstream URL the gateway stands in front of a backend: requests are checked before it sees them, \
            its answers against the contract before the client does, and --record keeps every exchange for \
            'gatehouse validate --traffic'.
            """
    )

    @Argument(help: "The OpenAPI document to serve.")
    var spec: String

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Path prefix of every route (default: the path of the first server URL).")
    var basePath: String?

    @Flag(help: "Do not validate requests.")
    var noValidation = false

    @Flag(
        help:
            "Check every response against the contract; violations are logged and reported in the 'Gatehouse-Contract-Violation' header."
    )
    var validateResponses = false

    @Option(help: "Largest request body, in bytes.")
    var maxBodySize = 10 * 1024 * 1024

    @Option(help: "Seconds a request may take before it is answered with 504.")
    var requestTimeout = 29.0

    @Option(parsing: .upToNextOption, help: "Origins allowed by CORS ('*' for any); CORS is off without it.")
    var cors: [String] = []

    @Option(help: "Path of the Prometheus metrics endpoint.")
    var metricsPath = "/metrics"

    @Option(help: "Access log format: text or json.")
    var logFormat: LogFormat = .text

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Flag(help: "Reload the contract when one of its files changes.")
    var watch = false

    @Option(help: StoreLocation.help)
    var store: String?

    @Flag(help: "Answer from examples only; do not store what clients create.")
    var stateless = false

    @Option(
        help: ArgumentHelp(
            "JSON lines of seed items, one {\"table\": NAME, \"item\": {…}} a line, written once into the mock tables.",
            valueName: "file.jsonl"
        )
    )
    var seed: [String] = []

    @OptionGroup(title: "Security and usage plans")
    var access: AccessOptions

    @OptionGroup(title: "In front of a backend, and recording")
    var upstream: UpstreamOptions

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    mutating func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard requestTimeout > 0 else { throw ValidationError("--request-timeout must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "unknown --log-level '\(logLevel)'; expected trace, debug, info, notice, warning, error or critical")
        }
        guard metricsPath.hasPrefix("/") else { throw ValidationError("--metrics-path must start with '/'") }
        _ = try StoreLocation.resolve(store)
        guard seed.isEmpty || !stateless else {
            throw ValidationError("--seed needs stored mocks; leave out --stateless")
        }
    }

    func run() async throws {
        // A reader of the banner or the logs that goes away (`gatehouse serve … | head -3`) must not stop the
        // server: the text is lost, the serving goes on. Sockets are written without SIGPIPE either way.
        signal(SIGPIPE, SIG_IGN)
        // AccessOptions reports unusable usage plans in its own words (and refuses them).
        let (model, _) = try ContractLoading.load(spec, purpose: "before serving it", deferring: [Rule.usagePlans.id])
        let format = logFormat
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                format == .json ? JSONLogHandler(label: label) : TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "gatehouse")
        logger.logLevel = level

        let accessConfiguration = try await access.configuration(model: model, spec: spec)
        let upstreamConfiguration = try upstream.configuration(model: model)
        let recorder = try upstream.recorder()
        let configuration = RuntimeConfiguration(
            host: host,
            port: port,
            basePath: basePath,
            validatesRequests: !noValidation,
            validatesResponses: validateResponses,
            maxBodySize: maxBodySize,
            requestTimeout: .milliseconds(Int(requestTimeout * 1000)),
            corsOrigins: cors,
            metricsPath: metricsPath,
            jsonLogs: logFormat == .json,
            access: accessConfiguration,
            upstream: upstreamConfiguration
        )
        // Keys and usage counters live in the store even when mocks are stateless.
        let location = try StoreLocation.resolve(store)
        let keyStore = try await location.openOrExit()
        let tableStore = stateless ? nil : keyStore
        if let tableStore {
            try await Self.seed(model: model, store: tableStore, files: seed)
        }
        // A file-size limit (ulimit -f) must fail the write that crosses it, not kill the server with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        let gateway = Gateway(
            model: model,
            configuration: configuration,
            logger: logger,
            store: tableStore,
            keyStore: keyStore,
            watching: watch ? spec : nil,
            recorder: recorder
        )
        let mocks = stateless ? nil : MockTableMap(model: model)
        StandardOutput.write(
            Self.banner(
                model: model, spec: spec, basePath: gateway.contract.basePath, mocks: mocks,
                forwarded: upstream.forwarded(model: model, configuration: upstreamConfiguration)) + "\n")
        StandardOutput.write(access.summary(model: model, configuration: accessConfiguration) + "\n")
        let upstreamSummary = upstream.summary(
            model: model, configuration: upstreamConfiguration, recorder: recorder)
        if !upstreamSummary.isEmpty { StandardOutput.write(upstreamSummary + "\n") }
        // The location's description replaces a PostgreSQL URL's password with `***`.
        StandardOutput.write("  store: \(location)\(stateless ? " (keys and usage only; mocks are stateless)" : "")\n")
        let host = self.host
        let basePath = gateway.contract.basePath
        do {
            try await gateway.run { port in
                // Written straight to the file handle so it is seen at once even when stdout is a pipe.
                StandardOutput.write("Listening on http://\(host):\(port)\(basePath) (Ctrl-C to stop)\n")
            }
        } catch {
            await Self.close(keyStore, logger: logger)
            throw error
        }
        await Self.close(keyStore, logger: logger)
    }

    /// The title, the operation count and a table of routes (method, path, operationId), with what the stateful
    /// mock does for each (`create pets`, `read pets by petId`, `filter pets by status`, `example`) when mocks are
    /// stored, so a wrong guess can be corrected with `x-gatehouse-table`; `backend` for an operation `--upstream`
    /// forwards (`forwarded`: where to, by operationId).
    static func banner(
        model: APIModel, spec: String, basePath: String, mocks: MockTableMap? = nil, forwarded: [String: String] = [:]
    ) -> String {
        var lines = [
            "Gatehouse serving '\(model.info.title)' \(model.info.version) from \(spec): \(counted(model.operations.count, "operation"))"
        ]
        let paths = model.operations.map { basePath + $0.path.raw }
        let width = min(60, paths.map(\.count).max() ?? 0)
        let idWidth = min(40, model.operations.map(\.id.count).max() ?? 0)
        for (operation, path) in zip(model.operations, paths) {
            let method = operation.method.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let padded = path.count < width ? path.padding(toLength: width, withPad: " ", startingAt: 0) : path
            guard mocks != nil || !forwarded.isEmpty else {
                lines.append("  \(method) \(padded)  \(operation.id)")
                continue
            }
            let id =
                operation.id.count < idWidth
                ? operation.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) : operation.id
            let what = forwarded[operation.id].map { "→ \($0)" } ?? mocks?.summary(of: operation) ?? "mock"
            lines.append("  \(method) \(padded)  \(id)  \(what)")
        }
        return lines.joined(separator: "\n")
    }
}
