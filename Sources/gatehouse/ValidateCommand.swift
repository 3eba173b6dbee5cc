import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseServe
import GatehouseSpec
import GatehouseValidation

/// `gatehouse validate`: recorded traffic checked against the contract, for CI.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check recorded requests and responses (HAR 1.2 or JSON lines) against an OpenAPI document.",
        discussion: """
            Each exchange is matched to its operation (servers' base paths honoured); its request and, when \
            recorded, its response are validated: parameters, headers, bodies by media type, status.

            JSON lines: one exchange a line, {"request": {"method": "POST", "url": "http://host/base/pets?limit=2", \
            "headers": {"Content-Type": "application/json"}, "body": "<raw body text>", "bodyEncoding": "base64" \
            (optional)}, "response": {"status": 201, "headers": {...}, "body": "..."}}; "response" may be absent. A \
            request or response with "bodyStreamed": true and no "body" (what 'serve --record' writes for a body \
            it streamed) has the rest checked, and its body reported as not checked (a warning).

            Exit status: 0 every exchange conforms, 1 an exchange fails, the traffic is malformed or the spec has \
            errors, 64 usage error or unreadable file.
            """
    )

    @Argument(help: "The OpenAPI document the traffic must conform to.")
    var spec: String

    @Option(name: .customLong("traffic"), parsing: .upToNextOption, help: "HAR or JSON-lines files (one or more).")
    var trafficFiles: [String]

    @Option(help: "Output format: text, json, github or sarif.")
    var format: OutputFormat = .text

    @Flag(help: "Treat 'format' as an annotation instead of asserting date-time, uuid, email and the others.")
    var noFormatAssertion = false

    mutating func validate() throws {
        guard !trafficFiles.isEmpty else { throw ValidationError("expected at least one --traffic file") }
    }

    func run() throws {
        let (model, specOutput) = try ContractLoading.load(spec, purpose: "before validating traffic")
        let validator = ExchangeValidator(model: model, options: ValidationOptions(assertFormats: !noFormatAssertion))
        var sources = specOutput.sources
        var diagnostics: [Diagnostic] = []
        var results: [(file: String, result: ExchangeResult)] = []
        var exchangeCounts:
            [(file: String, total: Int, failed: Int, malformed: Int, unchecked: (requests: Int, responses: Int))] = []
        for file in trafficFiles {
            let bytes: [UInt8]
            do {
                bytes = try SpecFileReader(configuration: .init(maxFileSize: 512 * 1024 * 1024)).readBytes(path: file)
            } catch {
                StandardError.write("error: \(error)\n")
                throw ExitStatus.usageOrIO
            }
            let traffic = TrafficReader().read(bytes: bytes, path: file)
            sources[file] = bytes
            diagnostics += traffic.diagnostics
            let fileResults = traffic.exchanges.map(validator.validate)
            results += fileResults.map { (file, $0) }
            diagnostics += fileResults.flatMap { Self.diagnostics(for: $0, model: model) }
            exchangeCounts.append(
                (
                    file, fileResults.count, fileResults.filter { !$0.isValid }.count, traffic.diagnostics.errorCount,
                    (
                        fileResults.filter(\.requestBodyNotChecked).count,
                        fileResults.filter(\.responseBodyNotChecked).count
                    )
                )
            )
        }

        diagnostics = diagnostics.sortedByLocation()
        switch format {
        case .text:
            StandardError.write(TextRenderer(sources: sources).render(diagnostics))
            for count in exchangeCounts {
                var status = count.failed == 0 ? "all conform" : "\(count.failed) failed"
                if count.malformed > 0 { status += ", \(counted(count.malformed, "malformed entry")) skipped" }
                let unchecked = [(count.unchecked.requests, "request"), (count.unchecked.responses, "response")]
                    .filter { $0.0 > 0 }.map { $0.0 == 1 ? "1 \($0.1) body" : "\($0.0) \($0.1) bodies" }
                if !unchecked.isEmpty {
                    status += "; \(unchecked.joined(separator: " and ")) not checked (not recorded)"
                }
                print("\(count.file): \(counted(count.total, "exchange")), \(status)")
            }
        case .json:
            print(jsonReport(results, diagnostics: diagnostics.filter { $0.rule == Rule.traffic.id }, model: model))
        case .github:
            print(GitHubRenderer.render(diagnostics), terminator: "")
        case .sarif:
            print(SARIFRenderer.render(diagnostics, toolVersion: Gatehouse.version), terminator: "")
        }
        if diagnostics.errorCount > 0 { throw ExitStatus.problemsFound }
    }

    /// One diagnostic per finding, at the exchange's place in the traffic file, with a note at the schema keyword;
    /// a warning for a response body the record left out.
    static func diagnostics(for result: ExchangeResult, model: APIModel) -> [Diagnostic] {
        let operation = result.operationId.map { " (\($0))" } ?? ""
        let findings: [Diagnostic] = result.findings.map { finding in
            let rule: Rule
            if finding.issue.keyword == "route" || finding.issue.keyword == "url" {
                rule = .unknownRoute
            } else {
                rule = finding.part == .request ? .requestContract : .responseContract
            }
            var notes: [Diagnostic.Note] = []
            if let schema = finding.issue.schemaLocation {
                notes.append(
                    Diagnostic.Note(
                        "'\(finding.issue.keyword)' is declared at '\(schema.pointer.fragment)'",
                        at: model.document.location(of: schema)
                    )
                )
            }
            return Diagnostic(
                rule,
                "exchange \(result.index) \(result.method) \(result.path)\(operation): \(finding.part.rawValue) \(finding.issue.location): \(finding.issue.message)",
                at: result.location,
                notes: notes
            )
        }
        var unchecked: [Diagnostic] = []
        let exchange = "exchange \(result.index) \(result.method) \(result.path)\(operation)"
        if result.requestBodyNotChecked {
            unchecked.append(
                Diagnostic(
                    .unrecordedBody,
                    "\(exchange): request body not checked: the record left it out (a streamed body); its media type was checked",
                    at: result.location))
        }
        if result.responseBodyNotChecked {
            unchecked.append(
                Diagnostic(
                    .unrecordedBody,
                    "\(exchange): response body not checked: the record left it out (streamed past the gateway's buffer limit); its status and headers were checked",
                    at: result.location))
        }
        return unchecked + findings
    }

    func jsonReport(_ results: [(file: String, result: ExchangeResult)], diagnostics: [Diagnostic], model: APIModel)
        -> String
    {
        var root = JSONObject()
        root["results"] = .array(
            results.map { entry in
                var object = JSONObject()
                object["file"] = .string(entry.file)
                object["index"] = .number(JSONNumber(entry.result.index))
                object["method"] = .string(entry.result.method)
                object["path"] = .string(entry.result.path)
                object["operationId"] = entry.result.operationId.map(JSONValue.string) ?? .null
                object["valid"] = .bool(entry.result.isValid)
                if entry.result.requestBodyNotChecked { object["requestBodyChecked"] = .bool(false) }
                if entry.result.responseBodyNotChecked { object["responseBodyChecked"] = .bool(false) }
                object["errors"] = .array(
                    entry.result.findings.map { finding in
                        var error = JSONObject()
                        error["part"] = .string(finding.part.rawValue)
                        error["location"] = .string(finding.issue.location)
                        error["keyword"] = .string(finding.issue.keyword)
                        error["message"] = .string(finding.issue.message)
                        if let schema = finding.issue.schemaLocation {
                            let location = model.document.location(of: schema)
                            error["schema"] = .object(
                                JSONObject([
                                    "file": .string(location.file),
                                    "line": .number(JSONNumber(location.line)),
                                    "column": .number(JSONNumber(location.column)),
                                    "pointer": .string(schema.pointer.string),
                                ])
                            )
                        }
                        return .object(error)
                    }
                )
                return .object(object)
            }
        )
        root["exchanges"] = .number(JSONNumber(results.count))
        root["failed"] = .number(JSONNumber(results.filter { !$0.result.isValid }.count))
        root["diagnostics"] = .array(diagnostics.map(\.jsonValue))
        return JSONWriter.string(.object(root), pretty: true)
    }
}
