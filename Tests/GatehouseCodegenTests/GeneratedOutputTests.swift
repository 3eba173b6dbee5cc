import Foundation
import GatehouseCodegen
import Testing

@Suite struct GeneratedOutputTests {
    @Test func checkListsMissingAndChangedFilesAndWriteMakesThemEqual() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-out-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = GeneratedOutput(directory: directory)
        let files = [
            GeneratedFile(path: "b/Two.swift", contents: "two\n"),
            GeneratedFile(path: "One.swift", contents: "one\n"),
        ]

        #expect(
            output.drift(of: files).map(\.description) == [
                "One.swift: would be created", "b/Two.swift: would be created",
            ])
        #expect(try output.write(files) == ["One.swift", "b/Two.swift"])
        #expect(output.drift(of: files).isEmpty)
        #expect(try output.write(files).isEmpty)

        try Data("edited\n".utf8).write(to: directory.appendingPathComponent("One.swift"))
        #expect(output.drift(of: files).map(\.description) == ["One.swift: would change"])
    }
}
