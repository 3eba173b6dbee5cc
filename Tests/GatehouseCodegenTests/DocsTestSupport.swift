import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// Loading contracts and generating their docs page, for the docs tests.
enum DocsTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let testdata = URL(fileURLWithPath: repositoryRoot + "/../shared/testdata").standardizedFileURL.path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The specs of the repository and the OpenAPI examples of the shared test data, relative to the repository.
    static var corpus: [String] {
        var paths = ["specs/petstore.yaml", "specs/todo.yaml"]
        let examples = testdata + "/openapi-examples/examples"
        if let enumerator = FileManager.default.enumerator(atPath: examples) {
            for case let path as String in enumerator where path.hasSuffix(".yaml") || path.hasSuffix(".json") {
                paths.append("../shared/testdata/openapi-examples/examples/" + path)
            }
        }
        return paths.sorted()
    }

    static func model(path: String) throws -> APIModel {
        try #require(try output(path: path).model, "\(path) did not load")
    }

    static func output(path: String) throws -> SpecFrontEnd.Output {
        try SpecFrontEnd().run(path: path.hasPrefix("/") ? path : repositoryRoot + "/" + path)
    }

    static func model(yaml: String) throws -> APIModel {
        let output = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "test.yaml")
        return try #require(output.model, "the spec did not load: \(output.diagnostics.map(\.message))")
    }

    static func page(
        _ model: APIModel, configuration: HTMLDocsGenerator.Configuration = .init()
    ) throws -> String {
        let files = try HTMLDocsGenerator(configuration: configuration).generate(model)
        #expect(files.map(\.path) == ["index.html"])
        return try #require(files.first).contents
    }
}
