public import ArgumentParser
import Foundation
import Logging

/// Every option of `gatehouse serve` but its SPEC: where to listen, the store, validation, CORS, limits, logs, keys
/// and plans, JWTs, the backend. A Swift server on the generated stubs takes the same options with
/// `@OptionGroup var gateway: GatewayOptions` and passes them to `Gateway.serve(specPath:handlers:options:)`, so it
/// starts the same gateway `gatehouse serve` does.
///
/// Each option also reads a `GATEHOUSE_*` environment variable (see `GatewayEnvironment`); a flag on the command
/// line wins over it. The variables are applied by `validate()`, which parsing calls.
public struct GatewayOptions: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host = GatewayEnvironment.value("host", default: "127.0.0.1")

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = GatewayEnvironment.value("port", default: 8080)

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
    var maxBodySize = GatewayEnvironment.value("max-body-size", default: 10 * 1024 * 1024)

    @Option(help: "Seconds a request may take before it is answered with 504.")
    var requestTimeout = GatewayEnvironment.value("request-timeout", default: 29.0)

    @Option(parsing: .upToNextOption, help: "Origins allowed by CORS ('*' for any); CORS is off without it.")
    var cors: [String] = GatewayEnvironment.list("cors")

    @Option(help: "Path of the Prometheus metrics endpoint.")
    var metricsPath = GatewayEnvironment.value("metrics-path", default: "/metrics")

    @Option(help: "Access log format: text or json.")
    var logFormat: LogFormat = GatewayEnvironment.value("log-format", default: .text)

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = GatewayEnvironment.value("log-level", default: "info")

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
    var seed: [String] = GatewayEnvironment.list("seed")

    @OptionGroup(title: "Security and usage plans")
    var access: AccessOptions

    @OptionGroup(title: "In front of a backend, and recording")
    var upstream: UpstreamOptions

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    public init() {}

    /// Applies the `GATEHOUSE_*` variables of the options not given, then checks the options together. Running it
    /// again changes nothing.
    public mutating func validate() throws {
        try GatewayEnvironment.check("port", as: Int.self)
        try GatewayEnvironment.check("max-body-size", as: Int.self)
        try GatewayEnvironment.check("request-timeout", as: Double.self)
        try GatewayEnvironment.check("log-format", as: LogFormat.self)
        basePath = try basePath ?? GatewayEnvironment.optional("base-path", as: String.self)
        noValidation = try noValidation || GatewayEnvironment.flag("no-validation")
        validateResponses = try validateResponses || GatewayEnvironment.flag("validate-responses")
        watch = try watch || GatewayEnvironment.flag("watch")
        stateless = try stateless || GatewayEnvironment.flag("stateless")
        try access.validate()
        try upstream.validate()

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
}
