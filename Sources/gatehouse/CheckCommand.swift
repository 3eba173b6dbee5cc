import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseServe
import GatehouseSpec

/// `gatehouse check`: the compiler front end over one or more documents.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check OpenAPI documents: structure, references and lint rules, reported as a compiler would.",
        discussion: """
            Diagnostics go to standard error in the text format; the json and sarif formats write one report to \
            standard output, and github writes workflow commands to standard output.

            Rules: \(Rule.all.map { "\($0.id) (\($0.defaultSeverity.rawValue))" }.joined(separator: ", ")).

            Exit status: 0 clean, 1 errors found (or warnings with --strict), 64 usage error or unreadable file.
            """
    )

    @Argument(help: "OpenAPI documents (YAML or JSON); '-' reads standard input.")
    var specs: [String]

    @Option(help: "Output format: text, json, github or sarif.")
    var format: OutputFormat = .text

    @Option(name: .customLong("disable"), help: "Drop the diagnostics of a rule (repeatable).")
    var disabledRules: [String] = []

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Largest file accepted, in megabytes.")
    var maxFileSize: Int = 25

    mutating func validate() throws {
        for rule in disabledRules where Rule.named(rule) == nil {
            throw ValidationError(
                "unknown rule '\(rule)'; the rules are: \(Rule.all.map(\.id).joined(separator: ", "))"
            )
        }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be at least 1") }
        guard !specs.isEmpty else { throw ValidationError("expected at least one document to check") }
    }

    func run() throws {
        let frontEnd = SpecFrontEnd(
            configuration: .init(
                reader: .init(maxFileSize: maxFileSize * 1024 * 1024),
                disabledRules: Set(disabledRules)
            )
        )
        var reports: [(spec: String, output: SpecFrontEnd.Output)] = []
        var unreadable = false
        for spec in specs {
            do {
                reports.append((spec, try checked(spec, frontEnd: frontEnd)))
            } catch {
                StandardError.write("error: \(error)\n")
                unreadable = true
            }
        }
        let diagnostics = reports.flatMap(\.output.diagnostics)
        var sources: [String: [UInt8]] = [:]
        for report in reports { sources.merge(report.output.sources) { first, _ in first } }

        switch format {
        case .text:
            StandardError.write(TextRenderer(sources: sources).render(diagnostics))
            for report in reports {
                print(summaryLine(spec: report.spec, output: report.output))
            }
        case .json:
            print(jsonReport(reports))
        case .github:
            print(GitHubRenderer.render(diagnostics), terminator: "")
            for report in reports {
                StandardError.write(summaryLine(spec: report.spec, output: report.output) + "\n")
            }
        case .sarif:
            print(SARIFRenderer.render(diagnostics, toolVersion: Gatehouse.version), terminator: "")
        }

        if unreadable { throw ExitStatus.usageOrIO }
        if diagnostics.errorCount > 0 || (strict && diagnostics.warningCount > 0) {
            throw ExitStatus.problemsFound
        }
    }

    /// The front end's diagnostics plus the `example` and `gateway-errors` rules (`ContractLoader`).
    func checked(_ spec: String, frontEnd: SpecFrontEnd) throws(SpecFileReader.ReadError) -> SpecFrontEnd.Output {
        try ContractLoader(configuration: .init(frontEnd: frontEnd.configuration)).load(path: spec).output
    }

    func summaryLine(spec: String, output: SpecFrontEnd.Output) -> String {
        let operations = output.model.map { " (\(counted($0.operations.count, "operation")))" } ?? ""
        let errors = output.diagnostics.errorCount
        let warnings = output.diagnostics.warningCount
        if errors == 0 && warnings == 0 { return "\(spec): ok\(operations)" }
        return "\(spec): \(counted(errors, "error")), \(counted(warnings, "warning"))\(operations)"
    }

    func jsonReport(_ reports: [(spec: String, output: SpecFrontEnd.Output)]) -> String {
        let diagnostics = reports.flatMap(\.output.diagnostics)
        var root = JSONObject()
        root["specs"] = .array(
            reports.map { report in
                var object = JSONObject()
                object["path"] = .string(report.spec)
                if let model = report.output.model {
                    object["openapi"] = .string(model.version.string)
                    object["operations"] = .number(JSONNumber(model.operations.count))
                }
                object["errors"] = .number(JSONNumber(report.output.diagnostics.errorCount))
                object["warnings"] = .number(JSONNumber(report.output.diagnostics.warningCount))
                return .object(object)
            }
        )
        root["diagnostics"] = .array(diagnostics.map(\.jsonValue))
        root["errors"] = .number(JSONNumber(diagnostics.errorCount))
        root["warnings"] = .number(JSONNumber(diagnostics.warningCount))
        return JSONWriter.string(.object(root), pretty: true)
    }
}

/// `--format`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case github
    case sarif
}
