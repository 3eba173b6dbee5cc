import ArgumentParser
import Foundation
import GatehouseDiff
import GatehouseJSON
import GatehouseServe
import GatehouseSpec
import Synchronization

/// `gatehouse diff BASE REVISION`: what a change to a contract breaks, for CI.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report what changed between two versions of a contract, and what the change breaks.",
        discussion: """
            BASE and REVISION are files, or a git revision and a path (main:specs/todo.yaml, read with git show; \
            its $refs resolve within that revision). Findings are errors (break an existing client), warnings \
            (may break one) and info (compatible changes), located in REVISION (in BASE for what was removed).

            The text format writes findings to standard error and a summary to standard output; json, sarif, \
            markdown and junit write one report to standard output; github writes workflow commands to standard \
            output.

            Rules: \(DiffRules.all.map { "\($0.id) (\($0.defaultSeverity.rawValue))" }.joined(separator: ", ")).

            Exit status: 0 when nothing at or above --fail-on was found, 1 otherwise, 64 for a usage error or an \
            input that cannot be read.
            """
    )

    @Argument(help: "The contract before the change: a file, or REV:PATH.")
    var base: String

    @Argument(help: "The contract after the change: a file, or REV:PATH.")
    var revision: String

    @Option(help: "Output format: text, json, github, sarif, markdown or junit.")
    var format: DiffFormat = .text

    @Option(help: "The lowest level that fails the run: error, warning or info.")
    var failOn: FailLevel = .error

    @Option(help: "A YAML or JSON file of accepted findings (rule, path glob, reason).")
    var ignore: String?

    @Option(help: "The date 'x-sunset' is compared with, as YYYY-MM-DD (default: today, UTC).")
    var today: String?

    @Option(help: "Also report what the change does to a generated client's source: 'swift' (sdk-* findings).")
    var sdk: SDKLanguage?

    @Option(help: "Largest file accepted, in megabytes.")
    var maxFileSize: Int = 25

    mutating func validate() throws {
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be at least 1") }
        if let today, today.count != 10 || DiffCommand.date(today) == nil {
            throw ValidationError("--today expects a date as YYYY-MM-DD, not '\(today)'")
        }
    }

    func run() throws {
        let directory = FileManager.default.currentDirectoryPath
        let reader = ContractReader(reader: .init(maxFileSize: maxFileSize * 1024 * 1024), directory: directory)
        let ignoreList = try loadIgnoreList()
        // The two documents are read and modelled at the same time: reading is most of a diff's work.
        let arguments = [base, revision]
        let results = Mutex<[Int: Result<ContractReader.Loaded, SpecFileReader.ReadError>]>([:])
        DispatchQueue.concurrentPerform(iterations: arguments.count) { index in
            let result = Result { () throws(SpecFileReader.ReadError) -> ContractReader.Loaded in
                try reader.load(try ContractInput(arguments[index], directory: directory))
            }
            results.withLock { $0[index] = result }
        }
        let loaded = results.withLock { $0 }
        let before = try usable(loaded[0], argument: base)
        let after = try usable(loaded[1], argument: revision)
        let differ = ContractDiffer(
            configuration: .init(today: today ?? Self.todayUTC(), ignore: ignoreList, swiftClient: sdk == .swift))
        let report = differ.diff(base: before.side, revision: after.side)
        let diagnostics = report.findings.map(\.diagnostic)
        let sources = before.sources.merging(after.sources) { first, _ in first }
        let summary = summaryLine(report)
        switch format {
        case .text:
            StandardError.write(TextRenderer(sources: sources).render(diagnostics))
            print(summary)
        case .json:
            print(jsonReport(report))
        case .github:
            print(GitHubRenderer.render(diagnostics), terminator: "")
            StandardError.write(summary + "\n")
        case .sarif:
            print(
                SARIFRenderer.render(diagnostics, rules: DiffRules.all, toolVersion: Gatehouse.version), terminator: "")
        case .markdown:
            print(MarkdownChangelog.render(report.findings, base: base, revision: revision), terminator: "")
        case .junit:
            let operations = after.side.model.operations.map {
                OperationRef(method: $0.method.rawValue, path: $0.path.raw, id: $0.id)
            }
            let removed = report.findings.compactMap(\.operation).filter { !operations.contains($0) }
            print(
                JUnitReport.render(
                    report.findings, operations: Array(Set(operations + removed)), failOn: failOn.severity,
                    suite: "\(base) → \(revision)"),
                terminator: "")
        }
        if report.findings.contains(where: { $0.level >= failOn.severity }) { throw ExitStatus.problemsFound }
    }

    /// Diagnostics of these rules mean the document could not be read as the author meant it: no verdict.
    static let unreadableRules: Set<String> = [
        Rule.syntax.id, Rule.fileSize.id, Rule.version.id, Rule.structure.id, Rule.unresolvedRef.id,
        Rule.refCycle.id, Rule.duplicateKey.id,
    ]

    /// The side to compare, or the reason it cannot be (printed, exit 64).
    private func usable(
        _ result: Result<ContractReader.Loaded, SpecFileReader.ReadError>?, argument: String
    ) throws -> (side: DiffSide, sources: [String: [UInt8]]) {
        let loaded: ContractReader.Loaded
        switch result {
        case .success(let value)?:
            loaded = value
        case .failure(let error)?:
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        case nil:
            throw ExitStatus.usageOrIO
        }
        let blocking = loaded.output.diagnostics.filter {
            $0.severity == .error && Self.unreadableRules.contains($0.rule)
        }
        guard let side = loaded.side, blocking.isEmpty else {
            StandardError.write(TextRenderer(sources: loaded.sources).render(blocking))
            StandardError.write("error: cannot compare '\(argument)': it is not a readable OpenAPI document\n")
            throw ExitStatus.usageOrIO
        }
        return (side, loaded.sources)
    }

    private func loadIgnoreList() throws -> IgnoreList {
        guard let ignore else { return IgnoreList() }
        let bytes: [UInt8]
        do {
            bytes = try SpecFileReader().readBytes(path: ignore)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        let (list, diagnostics) = IgnoreList.parse(bytes: bytes, path: ignore)
        guard diagnostics.isEmpty else {
            StandardError.write(TextRenderer(sources: [ignore: bytes]).render(diagnostics))
            throw ExitStatus.usageOrIO
        }
        return list
    }

    private func summaryLine(_ report: DiffReport) -> String {
        let counts = [
            counted(report.count(.error), "error"), counted(report.count(.warning), "warning"),
            "\(report.count(.info)) info",
        ].joined(separator: ", ")
        let ignored = report.ignoredCount > 0 ? "; \(report.ignoredCount) ignored" : ""
        return "\(base) → \(revision): \(counts)\(ignored)"
    }

    private func jsonReport(_ report: DiffReport) -> String {
        var root = JSONObject()
        root["base"] = .string(base)
        root["revision"] = .string(revision)
        root["findings"] = .array(
            report.findings.map { finding in
                guard case .object(var object) = finding.diagnostic.jsonValue else { return .null }
                if let operation = finding.operation {
                    object["operation"] = .object(
                        JSONObject([
                            "method": .string(operation.method), "path": .string(operation.path),
                            "operationId": .string(operation.id),
                        ]))
                }
                if !finding.alsoAffects.isEmpty {
                    object["alsoAffects"] = .array(
                        finding.alsoAffects.map { operation in
                            .object(
                                JSONObject([
                                    "method": .string(operation.method), "path": .string(operation.path),
                                    "operationId": .string(operation.id),
                                ]))
                        })
                }
                return .object(object)
            }
        )
        root["errors"] = .number(JSONNumber(report.count(.error)))
        root["warnings"] = .number(JSONNumber(report.count(.warning)))
        root["info"] = .number(JSONNumber(report.count(.info)))
        root["ignored"] = .number(JSONNumber(report.ignoredCount))
        return JSONWriter.string(.object(root), pretty: true)
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }

    static func todayUTC() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
