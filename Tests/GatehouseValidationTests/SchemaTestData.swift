import Foundation
import GatehouseSpec

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
