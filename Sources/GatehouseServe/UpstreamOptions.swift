import ArgumentParser
import Foundation
import GatehouseRuntime
import GatehouseSpec

/// The options of `gatehouse serve` that put it in front of a backend (`--upstream`) and record what passes
/// (`--record`). Each also reads its `GATEHOUSE_*` variable (see `GatewayEnvironment`); the command line wins.
struct UpstreamOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Forward every operation to this backend after routing, security, plans and validation; its answers are checked against the contract.",
            valueName: "url"))
    var upstream: String?

    @Option(help: "Seconds the backend may take to answer before the gateway answers 504 (default: 29).")
    var upstreamTimeout: Double?

    @Flag(help: "Answer 502 instead of passing on a backend answer that breaks the contract.")
    var strictResponses = false

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp("Operations answered by their mock, not the backend.", valueName: "operation-id"))
    var mockOperations: [String] = []

    @Option(help: ArgumentHelp("'mock': the mock answers when the backend answers 501 or cannot be reached."))
    var fallback: Fallback?

    @Flag(help: "Forward a request that breaks the contract anyway; it is logged and reported in a header.")
    var reportOnly = false

    @Option(
        help: ArgumentHelp(
            "Append every exchange to this file (credentials redacted), for 'gatehouse validate --traffic'.",
            valueName: "file"))
    var record: String?

    @Option(help: "The record's format: jsonl (JSON lines) or har (default: har for a .har file, else jsonl).")
    var recordFormat: RecordFormat?

    enum Fallback: String, ExpressibleByArgument, CaseIterable {
        case mock
    }

    enum RecordFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonl
        case har
    }

    static let defaultTimeout = 29.0

    /// `--upstream-timeout`, or its default.
    var timeout: Double { upstreamTimeout ?? Self.defaultTimeout }

    /// The options that only mean something with `--upstream`, by name, and whether each is set.
    var needingUpstream: [(name: String, isSet: Bool)] {
        [
            ("strict-responses", strictResponses), ("mock-operations", !mockOperations.isEmpty),
            ("fallback", fallback != nil), ("report-only", reportOnly), ("upstream-timeout", upstreamTimeout != nil),
        ]
    }

    /// Applies the `GATEHOUSE_*` variables of the options not given, then checks the options together; a problem
    /// names the variable when the value came from one. Running it again changes nothing.
    mutating func validate() throws {
        let onCommandLine = Set(needingUpstream.filter(\.isSet).map(\.name))
        let upstreamOnCommandLine = upstream != nil
        let timeoutOnCommandLine = upstreamTimeout != nil
        upstream = try upstream ?? GatewayEnvironment.optional("upstream", as: String.self)
        upstreamTimeout = try upstreamTimeout ?? GatewayEnvironment.optional("upstream-timeout", as: Double.self)
        strictResponses = try strictResponses || GatewayEnvironment.flag("strict-responses")
        if mockOperations.isEmpty { mockOperations = GatewayEnvironment.names("mock-operations") }
        fallback = try fallback ?? GatewayEnvironment.optional("fallback", as: Fallback.self)
        reportOnly = try reportOnly || GatewayEnvironment.flag("report-only")
        record = try record ?? GatewayEnvironment.optional("record", as: String.self)
        recordFormat = try recordFormat ?? GatewayEnvironment.optional("record-format", as: RecordFormat.self)

        if let upstream {
            do {
                _ = try UpstreamURL(upstream)
            } catch {
                let source = upstreamOnCommandLine ? "--upstream" : GatewayEnvironment.variable("upstream")
                throw ValidationError("\(source): \(error)")
            }
        } else if let (name, _) = needingUpstream.first(where: \.isSet) {
            if onCommandLine.contains(name) { throw ValidationError("--\(name) needs --upstream URL") }
            throw ValidationError(
                "\(GatewayEnvironment.variable(name)): --\(name) needs --upstream URL (or \(GatewayEnvironment.variable("upstream")))"
            )
        }
        if let upstreamTimeout, !(upstreamTimeout > 0 && upstreamTimeout <= 86_400) {
            guard timeoutOnCommandLine else {
                throw ValidationError(
                    "\(GatewayEnvironment.variable("upstream-timeout")): expected seconds above 0 and at most 86400, found '\(GatewayEnvironment.text("upstream-timeout") ?? "")'"
                )
            }
            throw ValidationError("--upstream-timeout must be above 0 and at most 86400 seconds")
        }
        if recordFormat != nil, record == nil { throw ValidationError("--record-format needs --record FILE") }
    }

    /// The runtime's configuration, nil without `--upstream`; an operationId the contract does not have ends the
    /// command with a message.
    func configuration(model: APIModel) throws -> UpstreamConfiguration? {
        guard let upstream, let url = try? UpstreamURL(upstream) else { return nil }
        let known = Set(model.operations.map(\.id))
        let unknown = mockOperations.filter { !known.contains($0) }
        if !unknown.isEmpty {
            let fromVariable = GatewayEnvironment.names("mock-operations") == mockOperations
            let source = fromVariable ? GatewayEnvironment.variable("mock-operations") : "--mock-operations"
            for id in unknown {
                StandardError.write("error: \(source): the contract has no operation '\(id)'\n")
            }
            StandardError.write(
                "note: its operations are \(model.operations.map { "'\($0.id)'" }.joined(separator: ", "))\n")
            throw ExitStatus.usageOrIO
        }
        return UpstreamConfiguration(
            url: url,
            timeout: .milliseconds(Int(timeout * 1000)),
            strictResponses: strictResponses,
            mockOperations: Set(mockOperations),
            fallsBackToMock: fallback == .mock,
            forwardsInvalidRequests: reportOnly
        )
    }

    /// The record file, opened (and for HAR, begun or continued) before serving; nil without `--record`.
    func recorder() throws -> ExchangeRecorder? {
        guard let record else { return nil }
        let format: ExchangeRecorder.Format
        switch recordFormat {
        case .har: format = .har
        case .jsonl: format = .jsonLines
        case nil: format = record.lowercased().hasSuffix(".har") ? .har : .jsonLines
        }
        do {
            return try ExchangeRecorder(ExchangeRecorder.Destination(path: record, format: format))
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
    }

    /// Where each forwarded operation goes, by operationId: the backend URL, or its integration's `uri`.
    func forwarded(model: APIModel, configuration: UpstreamConfiguration?) -> [String: String] {
        guard let configuration else { return [:] }
        var result: [String: String] = [:]
        for operation in model.operations
        where !operation.gateway.staysOnMock && !configuration.mockOperations.contains(operation.id) {
            if let integration = operation.gateway.integration, integration.isHTTP, let uri = integration.uri {
                result[operation.id] = uri
            } else {
                result[operation.id] = "backend"
            }
        }
        return result
    }

    /// Banner lines: where operations go, and where exchanges are recorded.
    func summary(model: APIModel, configuration: UpstreamConfiguration?, recorder: ExchangeRecorder?) -> String {
        var lines: [String] = []
        if let configuration {
            let mocked = model.operations.filter {
                $0.gateway.staysOnMock || configuration.mockOperations.contains($0.id)
            }
            let integrated = model.operations.filter {
                !mocked.map(\.id).contains($0.id) && $0.gateway.integration.map { $0.isHTTP && $0.uri != nil } == true
            }
            var line =
                "  upstream: \(configuration.url) (\(counted(model.operations.count - mocked.count, "operation")) forwarded"
            if !integrated.isEmpty { line += ", \(integrated.count) by their x-amazon-apigateway-integration" }
            if !mocked.isEmpty { line += "; on mocks: \(mocked.map(\.id).joined(separator: ", "))" }
            line += "); backend answers checked"
            if configuration.strictResponses { line += ", violations answered 502 (--strict-responses)" }
            if configuration.fallsBackToMock { line += "; mock when the backend answers 501 or is down" }
            if configuration.forwardsInvalidRequests { line += "; invalid requests forwarded (--report-only)" }
            lines.append(line)
        }
        if let recorder {
            lines.append("  record: \(recorder.destination.path) (\(recorder.destination.format.rawValue))")
        }
        return lines.joined(separator: "\n")
    }
}
