import GatehouseJSON
import Testing

@testable import GatehouseSpec

/// The structure checker on small documents: the exact text, place and rule of what it reports, and the documents
/// it must accept without a word.
struct StructureCheckerTests {
    /// One inline document and every line the structure checker prints for it.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let reported: [Case] = [
        Case(
            name: "unknown field",
            yaml: """
                openapi: 3.0.3
                info:
                  title: Todo
                  version: '1'
                  contcat: {}
                paths: {}
                """,
            expected: ["5:3: error: unknown field 'contcat' in the Info object [structure]"]
        ),
        Case(
            name: "missing required field",
            yaml: """
                openapi: 3.0.3
                paths: {}
                """,
            expected: ["1:1: error: missing required field 'info' in the OpenAPI object [structure]"]
        ),
        Case(
            name: "wrong type",
            yaml: """
                openapi: 3.0.3
                info:
                  title: 12
                  version: '1'
                paths: {}
                """,
            expected: ["3:10: error: expected a string for 'title', found a number [structure]"]
        ),
        Case(
            name: "parameter with both schema and content",
            yaml: """
                openapi: 3.0.3
                info: {title: Todo, version: '1'}
                paths:
                  /todos:
                    get:
                      parameters:
                        - name: filter
                          in: query
                          schema: {type: string}
                          content:
                            application/json: {}
                      responses:
                        '200': {description: ok}
                """,
            expected: [
                "10:11: error: expected either 'schema' or 'content' in the Parameter object, found both [structure]"
            ]
        ),
        Case(
            name: "broken reference",
            yaml: """
                openapi: 3.0.3
                info: {title: Todo, version: '1'}
                paths: {}
                components:
                  schemas:
                    Todo:
                      properties:
                        owner: {$ref: '#/components/schemas/User'}
                """,
            expected: [
                "8:23: error: unresolved reference '#/components/schemas/User': this file has no node at '/components/schemas/User' [unresolved-ref]"
            ]
        ),
        Case(
            name: "style the location does not allow",
            yaml: """
                openapi: 3.1.0
                info: {title: Todo, version: '1'}
                components:
                  parameters:
                    id: {name: id, in: path, required: true, style: form, schema: {}}
                """,
            expected: [
                "5:53: error: expected one of 'matrix', 'label', 'simple' for 'style' of a path parameter, found 'form' [structure]"
            ]
        ),
        Case(
            name: "3.1 schema type that JSON Schema does not have",
            yaml: """
                openapi: 3.1.0
                info: {title: Todo, version: '1'}
                components:
                  schemas:
                    Todo: {type: [string, file]}
                """,
            expected: [
                "5:27: error: expected one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string' for item 1 of 'type', found 'file' [structure]"
            ]
        ),
        Case(
            name: "response key that is not a status code",
            yaml: """
                openapi: 3.0.3
                info: {title: Todo, version: '1'}
                paths:
                  /todos:
                    get:
                      responses:
                        ok: {description: fine}
                """,
            expected: [
                "7:9: error: expected 'default', a status code from 100 to 599 or a range from '1XX' to '5XX' as a key in 'responses', found 'ok' [structure]"
            ]
        ),
    ]

    @Test(arguments: reported)
    func reportsTheProblemWithItsExactText(_ row: Case) throws {
        #expect(try Self.structureLines(row.yaml) == row.expected)
    }

    static let accepted: [Case] = [
        Case(
            name: "recursive schema through properties and items",
            yaml: """
                openapi: 3.0.3
                info: {title: Tree, version: '1'}
                paths: {}
                components:
                  schemas:
                    Node:
                      type: object
                      properties:
                        parent: {$ref: '#/components/schemas/Node'}
                        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
                """,
            expected: []
        ),
        Case(
            name: "a $ref inside an example is data",
            yaml: """
                openapi: 3.0.3
                info: {title: Todo, version: '1'}
                paths: {}
                components:
                  schemas:
                    Link:
                      type: object
                      example: {$ref: 'not/a/reference'}
                """,
            expected: []
        ),
        Case(
            name: "3.1 schemas: booleans, unknown keywords, $id-relative references",
            yaml: """
                openapi: 3.1.0
                info: {title: Todo, version: '1'}
                components:
                  schemas:
                    Anything: true
                    Tagged:
                      $id: https://example.com/tagged
                      x-internal: true
                      myKeyword: 3
                      properties:
                        item: {$ref: 'item'}
                        named: {$ref: '#named'}
                """,
            expected: []
        ),
    ]

    @Test(arguments: accepted)
    func acceptsAValidDocumentSilently(_ row: Case) throws {
        #expect(try Self.structureLines(row.yaml) == row.expected)
    }

    @Test func unknownFieldSuggestsTheFieldMeant() throws {
        let diagnostics = try Self.structure(
            """
            openapi: 3.0.3
            info: {title: Todo, version: '1', summary: Todos, contcat: {}}
            paths: {}
            """)
        #expect(
            diagnostics.map(\.message) == [
                "unknown field 'summary' in the Info object", "unknown field 'contcat' in the Info object",
            ])
        #expect(
            diagnostics.map(\.notes.first?.message) == [
                "'summary' is a field of OpenAPI 3.1; this document is OpenAPI 3.0.3", "did you mean 'contact'?",
            ])
        #expect(diagnostics.map(\.pointer) == [JSONPointer("/info/summary"), JSONPointer("/info/contcat")])
    }

    @Test func referenceCycleThroughTwoFilesIsReportedOnceAtItsSite() throws {
        let files = [
            "root.yaml": """
            openapi: 3.0.3
            info: {title: Loop, version: '1'}
            paths: {}
            components:
              parameters:
                Here: {$ref: 'other.yaml#/There'}
            """,
            "other.yaml": """
            There: {$ref: 'root.yaml#/components/parameters/Here'}
            """,
        ]
        let diagnostics = try withTemporaryFiles(files) { directory in
            let document = try #require(try DocumentLoader().load(path: directory + "/root.yaml").document)
            return StructureChecker(document: document).check()
        }
        #expect(diagnostics.map(\.rule) == ["ref-cycle"])
        #expect(diagnostics.first?.message.hasPrefix("reference cycle with no value in it: ") == true)
        #expect(diagnostics.first?.location?.line == 6)
        #expect(diagnostics.first?.pointer == JSONPointer("/components/parameters/Here/$ref"))
    }

    @Test func remoteReferenceIsAWarning() throws {
        let lines = try Self.structureLines(
            """
            openapi: 3.0.3
            info: {title: Todo, version: '1'}
            paths: {}
            components:
              schemas:
                Remote: {$ref: 'https://example.com/schemas/todo.json'}
            """)
        #expect(
            lines == [
                "6:20: warning: remote reference 'https://example.com/schemas/todo.json' is not followed [remote-ref]"
            ])
    }

    // MARK: Helpers

    static func structure(_ yaml: String) throws -> [Diagnostic] {
        let outcome = DocumentLoader().load(bytes: Array(yaml.utf8), path: "inline.yaml")
        let document = try #require(outcome.document, "\(outcome.diagnostics)")
        return StructureChecker(document: document).check()
    }

    /// Diagnostics as `line:col: severity: message [rule]`.
    static func structureLines(_ yaml: String) throws -> [String] {
        try structure(yaml).map { diagnostic in
            let place = diagnostic.location.map { "\($0.line):\($0.column): " } ?? ""
            return "\(place)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]"
        }
    }
}
