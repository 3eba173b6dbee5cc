import Foundation
import GatehouseJSON
import Testing

@testable import GatehouseSpec

/// Paths of the repository and of the shared test data beside it (`../shared/testdata`, as in CI).
enum TestPaths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let testdata = URL(fileURLWithPath: repositoryRoot + "/../shared/testdata").standardizedFileURL.path
    static let specs = repositoryRoot + "/specs"
}

/// A temporary directory with the given files, removed when the closure returns.
func withTemporaryFiles<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
    try withTemporaryFiles(files.mapValues { Array($0.utf8) }, body)
}

func withTemporaryFiles<T>(_ files: [String: [UInt8]], _ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("gatehouse-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for (name, bytes) in files {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
    return try body(directory)
}

/// Runs the whole front end on inline YAML.
func check(_ yaml: String, path: String = "inline.yaml", disabled: Set<String> = []) -> SpecFrontEnd.Output {
    SpecFrontEnd(configuration: .init(disabledRules: disabled)).run(bytes: Array(yaml.utf8), path: path)
}

extension SpecFrontEnd.Output {
    /// Diagnostics as `line:col: severity: message [rule]`, the form tests pin.
    var lines: [String] {
        diagnostics.map { diagnostic in
            let place = diagnostic.location.map { "\($0.line):\($0.column): " } ?? ""
            return "\(place)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]"
        }
    }

    func lines(rule: Rule) -> [String] {
        zip(diagnostics, lines).filter { $0.0.rule == rule.id }.map(\.1)
    }
}
