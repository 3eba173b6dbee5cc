import Foundation
import GatehouseDiff
import GatehouseJSON
import GatehouseSpec
import Testing

/// Paths of the test files and of the shared test data beside the repository (`../shared/testdata`).
enum DiffTestPaths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    static let corpus = tests + "/Corpus"
    static let repositoryRoot = URL(fileURLWithPath: tests).deletingLastPathComponent().deletingLastPathComponent().path
    static let testdata = URL(fileURLWithPath: repositoryRoot + "/../shared/testdata").standardizedFileURL.path
}

/// The date the corpus compares `x-sunset` with.
let corpusToday = "2026-06-01"

/// Loads a document from disk through the front end, failing the test when it cannot be read as OpenAPI; with
/// `valid`, also when `gatehouse check` would report an error in it.
func loadSide(_ path: String, filePrefix: String = "", valid: Bool = false) throws -> DiffSide {
    let output = try SpecFrontEnd().run(path: path)
    if valid {
        let errors = output.diagnostics.filter { $0.severity == .error }.map { "\($0.rule): \($0.message)" }
        #expect(errors == [], "\(path) is not a valid contract")
    }
    let model = try #require(output.model, "\(path): \(output.diagnostics)")
    return DiffSide(model: model, filePrefix: filePrefix)
}

/// Loads inline YAML as a document named `path`.
func inlineSide(_ yaml: String, path: String) throws -> DiffSide {
    let output = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: path)
    let model = try #require(output.model, "\(path): \(output.diagnostics)")
    return DiffSide(model: model)
}

func diff(_ base: DiffSide, _ revision: DiffSide, ignore: IgnoreList = IgnoreList()) -> DiffReport {
    ContractDiffer(configuration: .init(today: corpusToday, ignore: ignore)).diff(base: base, revision: revision)
}

extension Finding {
    /// `file:line:col: level: message [rule]`, then one indented line per note: what a user reads, with the
    /// directory prefix taken off file names.
    func lines(removing prefix: String = "") -> [String] {
        func place(_ location: GatehouseSpec.SourceLocation) -> String {
            let file = location.file.hasPrefix(prefix) ? String(location.file.dropFirst(prefix.count)) : location.file
            return "\(file):\(location.line):\(location.column)"
        }
        var result = ["\(place(location)): \(level.rawValue): \(message) [\(rule.id)]"]
        for note in notes {
            result.append("  " + (note.location.map { place($0) + ": " } ?? "") + "note: \(note.message)")
        }
        return result
    }
}

extension DiffReport {
    func lines(removing prefix: String = "") -> [String] {
        findings.flatMap { $0.lines(removing: prefix) }
    }

    /// The rule ids, in order.
    var rules: [String] { findings.map(\.rule.id) }
}
