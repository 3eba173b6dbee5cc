import Foundation
import Testing

/// `gatehouse generate SPEC --docs --out DIR`, as a user runs it.
@Suite struct GenerateDocsCommandTests {
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-generate-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func docsAreWrittenThenCheckedThenDriftIsReported() async throws {
        let out = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }

        let written = try await GatehouseProcess.run(["generate", "specs/todo.yaml", "--docs", "--out", out])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "wrote \(out)/docs/index.html\n")
        let page = try String(contentsOfFile: out + "/docs/index.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("id=\"operation/createTodo\""))

        let again = try await GatehouseProcess.run(["generate", "specs/todo.yaml", "--docs", "--out", out])
        #expect(again.stdout == "unchanged \(out)/docs/index.html\n")

        let clean = try await GatehouseProcess.run(["generate", "specs/todo.yaml", "--docs", "--out", out, "--check"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout == "\(out)/docs: up to date\n")

        try Data("stale".utf8).write(to: URL(fileURLWithPath: out + "/docs/index.html"))
        let stale = try await GatehouseProcess.run(["generate", "specs/todo.yaml", "--docs", "--out", out, "--check"])
        #expect(stale.status == 1)
        #expect(
            stale.stderr == """
                error: \(out)/docs/index.html: would change
                error: generated files are out of date; run 'gatehouse generate specs/todo.yaml --docs --out \(out)'

                """)
        #expect(try String(contentsOfFile: out + "/docs/index.html", encoding: .utf8) == "stale")
    }

    @Test func usageErrorsAreClear() async throws {
        let out = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }

        let withoutDocs = try await GatehouseProcess.run([
            "generate", "specs/todo.yaml", "--out", out, "--try-it", "http://x",
        ])
        #expect(withoutDocs.status == 64)
        #expect(withoutDocs.stderr.contains("--templates and --try-it shape the HTML docs; add --docs"))

        let badURL = try await GatehouseProcess.run([
            "generate", "specs/todo.yaml", "--docs", "--out", out, "--try-it", "ftp://x",
        ])
        #expect(badURL.status == 64)
        #expect(badURL.stderr.hasPrefix("error: 'ftp://x' is not an http or https URL"))

        let noTemplates = try await GatehouseProcess.run([
            "generate", "specs/todo.yaml", "--docs", "--out", out, "--templates", out + "/missing",
        ])
        #expect(noTemplates.status == 64)
        #expect(noTemplates.stderr.contains("cannot read the templates folder"))

        let missingSpec = try await GatehouseProcess.run(["generate", "specs/none.yaml", "--docs", "--out", out])
        #expect(missingSpec.status == 64)
        #expect(!FileManager.default.fileExists(atPath: out + "/docs"))
    }
}
