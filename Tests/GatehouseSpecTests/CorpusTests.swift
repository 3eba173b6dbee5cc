import Foundation
import GatehouseJSON
import Testing

@testable import GatehouseSpec

/// The shared corpora: the OpenAPI Initiative's examples, openapi-spec-validator's fixtures, the OAS 3.1 schema
/// tests and the large real-world specs. Any exception would be listed here with its reason; there are none.
struct CorpusTests {
    struct ExampleCase: Sendable, CustomTestStringConvertible {
        var file: String
        var operations: Int
        var webhooks: Int = 0
        var testDescription: String { file }
    }

    static let examples: [ExampleCase] = ["yaml", "json"].flatMap { ext in
        [
            ExampleCase(file: "v3.0/api-with-examples.\(ext)", operations: 2),
            ExampleCase(file: "v3.0/callback-example.\(ext)", operations: 1),
            ExampleCase(file: "v3.0/link-example.\(ext)", operations: 6),
            ExampleCase(file: "v3.0/petstore-expanded.\(ext)", operations: 4),
            ExampleCase(file: "v3.0/petstore.\(ext)", operations: 3),
            ExampleCase(file: "v3.0/uspto.\(ext)", operations: 3),
            ExampleCase(file: "v3.1/non-oauth-scopes.\(ext)", operations: 1),
            // Upstream's tictactoe.yaml has a webhook that its tictactoe.json lacks.
            ExampleCase(file: "v3.1/tictactoe.\(ext)", operations: 3, webhooks: ext == "yaml" ? 1 : 0),
            ExampleCase(file: "v3.1/webhook-example.\(ext)", operations: 0, webhooks: 1),
        ]
    }

    @Test(arguments: examples)
    func officialExampleLoadsWithoutErrors(_ row: ExampleCase) throws {
        let output = try SpecFrontEnd().run(path: TestPaths.testdata + "/openapi-examples/examples/" + row.file)
        #expect(output.diagnostics.errorCount == 0, "\(output.lines)")
        #expect(output.model?.operations.count == row.operations)
        #expect(output.model?.webhooks.count == row.webhooks)
    }

    @Test(arguments: ["3.2-tags-example.yaml", "3.2-tags-example.json"])
    func openAPI32GetsTheUnsupportedVersionError(_ file: String) throws {
        let output = try SpecFrontEnd().run(path: TestPaths.testdata + "/openapi-examples/examples/v3.2/" + file)
        #expect(
            output.diagnostics.map(\.message) == ["OpenAPI version '3.2.0' is not supported; expected 3.0.x or 3.1.x"])
        #expect(output.model == nil)
    }

    static let validatorValid = [
        "v3.0/petstore.yaml",
        "v3.0/petstore-separate/spec/openapi.yaml",
        "v3.0/parent-reference/openapi.yaml",
        "v3.0/property-recursive.yaml",
        "v3.0/read-only-write-only.yaml",
        "v3.1/petstore.yaml",
    ]

    @Test(arguments: validatorValid)
    func validatorValidDocumentHasNoErrors(_ file: String) throws {
        let output = try SpecFrontEnd().run(path: TestPaths.testdata + "/openapi-spec-validator/" + file)
        #expect(output.diagnostics.errorCount == 0, "\(output.lines)")
        #expect(output.model != nil)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var file: String
        var rule: String
        var testDescription: String { file }
    }

    @Test(arguments: [
        InvalidCase(file: "v3.0/empty.yaml", rule: "structure"),
        InvalidCase(file: "v3.0/missing-description.yaml", rule: "structure"),
        InvalidCase(file: "v3.0/property-missing-reference.yaml", rule: "unresolved-ref"),
        InvalidCase(file: "empty.yaml", rule: "version"),
    ])
    func validatorInvalidDocumentHasAnError(_ row: InvalidCase) throws {
        let output = try SpecFrontEnd().run(path: TestPaths.testdata + "/openapi-spec-validator/" + row.file)
        #expect(output.diagnostics.contains { $0.severity == .error && $0.rule == row.rule }, "\(output.lines)")
    }

    static func schemaTests(_ folder: String) -> [String] {
        let directory = TestPaths.testdata + "/openapi-spec-validator/oas-3.1-schema-tests/" + folder
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasSuffix(".yaml")
        }
        .sorted()
    }

    @Test func schemaTestFoldersAreThere() {
        #expect(Self.schemaTests("pass").count == 35)
        #expect(Self.schemaTests("fail").count == 11)
    }

    /// The one exception: this file is valid against the OAS 3.1 JSON Schema (all its upstream test checks) but is
    /// not a correct contract, and the lint rules say why; the structure checker finds nothing in it.
    static let passExceptions: [String: [String]] = [
        "operation-object-example.yaml": [
            "7:5: error: path parameter 'id' of '/pets/{id}' is not declared by operation 'updatePetWithForm'; expected a parameter with 'in: path' and 'name: id' [path-params]",
            "13:11: error: path parameter 'petId' is declared but '/pets/{id}' has no '{petId}' [path-params]",
            "45:11: error: security requirement names undefined scheme 'petstore_auth' (none are defined) [undefined-security-scheme]",
        ]
    ]

    @Test(arguments: schemaTests("pass"))
    func oas31PassDocumentHasNoErrors(_ file: String) throws {
        let path = TestPaths.testdata + "/openapi-spec-validator/oas-3.1-schema-tests/pass/" + file
        let output = try SpecFrontEnd().run(path: path)
        let errors = zip(output.diagnostics, output.lines).filter { $0.0.severity == .error }.map(\.1)
        #expect(errors == Self.passExceptions[file] ?? [])
    }

    @Test(arguments: schemaTests("fail"))
    func oas31FailDocumentHasAnError(_ file: String) throws {
        let path = TestPaths.testdata + "/openapi-spec-validator/oas-3.1-schema-tests/fail/" + file
        let output = try SpecFrontEnd().run(path: path)
        #expect(output.diagnostics.errorCount > 0, "no error for \(file)")
    }

    struct RealWorldCase: Sendable, CustomTestStringConvertible {
        var file: String
        var operations: Int
        var schemas: Int
        var testDescription: String { file }
    }

    @Test(arguments: [
        RealWorldCase(file: "github.json", operations: 771, schemas: 299),
        RealWorldCase(file: "github.yaml", operations: 771, schemas: 299),
        RealWorldCase(file: "stripe.json", operations: 468, schemas: 819),
        RealWorldCase(file: "stripe.yaml", operations: 468, schemas: 819),
    ])
    func realWorldSpecChecksWithoutErrors(_ row: RealWorldCase) throws {
        let output = try SpecFrontEnd().run(path: TestPaths.testdata + "/real-world/" + row.file)
        #expect(output.diagnostics.errorCount == 0, "\(output.lines.prefix(10))")
        #expect(output.model?.operations.count == row.operations)
        #expect(output.model?.schemas.count == row.schemas)
    }

    @Test(arguments: ["petstore.yaml", "todo.yaml"])
    func projectSpecsAreClean(_ file: String) throws {
        let output = try SpecFrontEnd().run(path: TestPaths.specs + "/" + file)
        #expect(output.lines == [])
    }
}
