import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// The generated client of every OpenAPI 3.0 and 3.1 example in ../shared/testdata/openapi-examples compiles.
struct ExampleSpecsCompileTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/testdata/openapi-examples/examples").standardized

    static var specs: [String] {
        ["v3.0", "v3.1"].flatMap { version -> [String] in
            let folder = examples.appendingPathComponent(version)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(version)/\($0)" }
        }
    }

    @Test func theExamplesAreThere() {
        #expect(Self.specs.count >= 9, "expected the OpenAPI examples under \(Self.examples.path)")
    }

    @Test(arguments: specs)
    func generatedClientCompiles(_ spec: String) async throws {
        let output = try SpecFrontEnd().run(path: Self.examples.appendingPathComponent(spec).path)
        let model = try #require(output.model, "\(output.diagnostics)")
        let generated = try SwiftGenerator(
            configuration: .init(name: "Example", server: false, command: "gatehouse generate \(spec)")
        ).generate(model)
        let result = try await SwiftCompilerCheck.typecheck(generated.files)
        #expect(result.status == 0, "\(spec):\n\(result.output)")
    }
}
