import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// The generated Swift for small specs that cover each construct the generators handle (Golden/*.yaml), pinned in
/// Golden/*.expected.txt. Re-record with `GATEHOUSE_RECORD_GOLDEN=1 swift test --filter SwiftGoldenTests`.
struct SwiftGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let specs = ["models", "nullable31", "parameters", "mergepatch", "mergepatch31"]

    static func generate(_ name: String) throws -> SwiftGenerator.Output {
        let output = try SpecFrontEnd().run(path: directory.appendingPathComponent("\(name).yaml").path)
        let model = try #require(output.model, "\(output.diagnostics)")
        let configuration = SwiftGenerator.Configuration(
            name: "Golden", command: "gatehouse generate \(name).yaml --out out --name Golden")
        return try SwiftGenerator(configuration: configuration).generate(model)
    }

    /// Every generated file except the verbatim support files, then the warnings, as one text.
    static func transcript(_ output: SwiftGenerator.Output) -> String {
        var text = ""
        for file in output.files where !file.path.contains("/Support/") {
            text += "// ===== \(file.path)\n\(file.contents)"
        }
        text += "// ===== diagnostics\n"
        for diagnostic in output.diagnostics {
            let place = diagnostic.location.map { "\($0.line):\($0.column): " } ?? ""
            text += "// \(place)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]\n"
        }
        return text
    }

    @Test(arguments: specs)
    func generatedSourceMatchesTheGoldenFile(_ name: String) throws {
        let actual = Self.transcript(try Self.generate(name))
        let url = Self.directory.appendingPathComponent("\(name).expected.txt")
        if ProcessInfo.processInfo.environment["GATEHOUSE_RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            Issue.record(
                "generated code for \(name).yaml differs from \(name).expected.txt:\n\(Self.diff(expected, actual))")
        }
    }

    @Test(arguments: specs)
    func generatedClientTypeChecksInBothLanguageModes(_ name: String) async throws {
        let output = try Self.generate(name)
        for mode in ["5", "6"] {
            let result = try await SwiftCompilerCheck.typecheck(output.files, languageMode: mode)
            #expect(result.status == 0, "swiftc -swift-version \(mode) on \(name).yaml:\n\(result.output)")
            #expect(!result.output.contains("warning:"), "\(result.output)")
        }
    }

    @Test func generationIsDeterministic() throws {
        for name in Self.specs {
            #expect(try Self.generate(name).files == Self.generate(name).files)
        }
    }

    @Test func constructsWithoutASwiftTypeAreReportedWithTheirLocation() throws {
        let warnings = try Self.generate("nullable31").diagnostics.map { diagnostic in
            "\(diagnostic.location?.line ?? 0):\(diagnostic.location?.column ?? 0): \(diagnostic.message)"
        }
        #expect(
            warnings == [
                "38:11: a schema of several types (string, integer) has no Swift type; it is generated as 'JSONValue'",
                "54:7: a tuple ('prefixItems') has no Swift type; it is generated as '[JSONValue]'",
                "59:7: 'Loop' contains itself only through arrays or maps, which a type alias cannot express; it is generated as 'JSONValue'",
            ])
    }

    /// A unified diff of the two texts (by `diff -u` when it exists, else the first differing line).
    static func diff(_ expected: String, _ actual: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-diff-\(UUID())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let left = directory.appendingPathComponent("expected")
        let right = directory.appendingPathComponent("actual")
        try? Data(expected.utf8).write(to: left)
        try? Data(actual.utf8).write(to: right)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["diff", "-u", left.path, right.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        if (try? process.run()) != nil {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let pairs = zip(expected.split(separator: "\n"), actual.split(separator: "\n"))
        let first = pairs.enumerated().first { $0.element.0 != $0.element.1 }
        return first.map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" } ?? "the lengths differ"
    }
}
