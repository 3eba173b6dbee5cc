import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// Paths of the repository and of the shared test data beside it (`../shared/testdata`, as in CI).
enum SchemaTestData {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let testdata = URL(fileURLWithPath: repositoryRoot + "/../shared/testdata").standardizedFileURL.path
    static let suite = testdata + "/json-schema-test-suite"

    static func json(atPath path: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONParser.parse([UInt8](data), options: JSONParser.Options(rejectDuplicateKeys: false))
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    /// Loads an OpenAPI document from inline YAML (and more files beside it, by relative path).
    static func document(_ yaml: String, files: [String: String] = [:]) throws -> SpecDocument {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-schema-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8))
        }
        let outcome = DocumentLoader().load(bytes: Array(yaml.utf8), path: directory + "/openapi.yaml")
        guard let document = outcome.document else { throw LoadFailure(diagnostics: outcome.diagnostics) }
        return document
    }

    struct LoadFailure: Error {
        var diagnostics: [Diagnostic]
    }

    /// The component schema `name` of `document`.
    static func reference(_ name: String, in document: SpecDocument) -> SchemaReference {
        SchemaReference(address: document.rootAddress(JSONPointer(tokens: ["components", "schemas", name])))
    }

    /// The compiled component schema `name` of `document`.
    static func component(_ name: String, in document: SpecDocument) throws -> CompiledSchema {
        let address = document.rootAddress(JSONPointer(tokens: ["components", "schemas", name]))
        return try SchemaCompiler(document: document).compile(SchemaReference(address: address))
    }

    /// The suite's `remotes/` folder, keyed by the URL its tests use (`http://localhost:1234/…`).
    static let remotes: [String: JSONValue] = {
        var result: [String: JSONValue] = [:]
        let root = suite + "/remotes"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return result }
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".json"), let value = try? json(atPath: root + "/" + relative) else { continue }
            result["http://localhost:1234/" + relative] = value
        }
        return result
    }()
}
