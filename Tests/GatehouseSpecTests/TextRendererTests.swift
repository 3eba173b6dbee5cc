import GatehouseJSON
import Testing

@testable import GatehouseSpec

struct TextRendererTests {
    @Test func errorInAReferencedFileNamesThatFileWithACaretUnderTheColumn() throws {
        let root = """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /pets/{petId}:
                get:
                  parameters:
                    - $ref: 'parameters.yaml#/PetId'
                  responses: {'200': {description: ok}}
            """
        let parameters = """
            # Shared parameters.
            PetId:
              name: petId
              in: path
              required: false
              schema: {type: integer}
            """
        try withTemporaryFiles(["api/root.yaml": root, "api/parameters.yaml": parameters]) { directory in
            let output = try SpecFrontEnd().run(path: directory + "/api/root.yaml")
            let rendered = TextRenderer(sources: output.sources).render(
                output.diagnostics.filter { $0.rule == "path-params" })
            let file = directory + "/api/parameters.yaml"
            #expect(
                rendered == """
                    \(file):5:13: error: path parameter 'petId' must have 'required: true' [path-params]
                      required: false
                                ^
                    \(file):5:13: note: at '#/PetId/required'

                    """)
        }
    }

    @Test func noteLocationsAreQuotedToo() {
        let output = check(
            "openapi: 3.0.3\ninfo:\n  title: A\n  title: B\n  version: '1'\npaths: {}\n", disabled: ["empty-paths"])
        let rendered = TextRenderer(sources: output.sources).render(output.diagnostics)
        #expect(
            rendered == """
                inline.yaml:4:3: error: duplicate key 'title' in mapping [duplicate-key]
                  title: B
                  ^
                inline.yaml:3:3: note: 'title' was first defined here
                  title: A
                  ^

                """)
    }

    @Test func longLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 500)
        let renderer = TextRenderer(sources: ["f.json": Array(line.utf8)])
        let excerpt = renderer.sourceExcerpt(at: SourceLocation(file: "f.json", line: 1, column: 501))
        let lines = excerpt.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].count == 166)
        let caretColumn = lines[1].count
        #expect(Array(lines[0])[caretColumn - 1] == "X")
    }
}
