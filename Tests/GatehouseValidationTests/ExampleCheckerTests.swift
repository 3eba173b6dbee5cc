import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

struct ExampleCheckerTests {
    static func diagnostics(_ yaml: String) throws -> [String] {
        let output = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "examples.yaml")
        let model = try #require(output.model)
        return ExampleChecker(model: model).check().map { diagnostic in
            let notes = diagnostic.notes.map { note in
                " | " + (note.location.map { "\($0.line):\($0.column): " } ?? "") + note.message
            }.joined()
            return "\(diagnostic.location!.line):\(diagnostic.location!.column): \(diagnostic.message)\(notes)"
        }
    }

    @Test func reportsEachBadExampleAtTheExampleWithTheSchemaKeyword() throws {
        let yaml = """
            openapi: 3.0.3
            info: {title: Examples, version: '1'}
            paths:
              /pets:
                get:
                  parameters:
                    - name: limit
                      in: query
                      schema: {type: integer, maximum: 10}
                      example: 50
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
                          examples:
                            good: {value: {id: 1, name: Rex}}
                            bad: {value: {id: one}}
            components:
              schemas:
                Pet:
                  type: object
                  required: [id, name]
                  properties:
                    id: {type: integer}
                    name: {type: string}
                  example: {id: 2, name: 7}
            """
        #expect(
            try Self.diagnostics(yaml) == [
                "10:20: example 'default' does not match its schema: expected a number at most 10, found 50 | 9:44: 'maximum' is declared at '#/paths/~1pets/get/parameters/0/schema/maximum'",
                "19:30: example 'bad' does not match its schema at '/id': expected an integer, found a string 'one' | 26:20: 'type' is declared at '#/components/schemas/Pet/properties/id/type'",
                "19:30: example 'bad' does not match its schema: missing required property 'name' | 24:17: 'required' is declared at '#/components/schemas/Pet/required'",
                "28:16: example 'example' does not match its schema at '/name': expected a string, found an integer 7 | 27:22: 'type' is declared at '#/components/schemas/Pet/properties/name/type'",
            ])
    }

    @Test(arguments: ["petstore.yaml", "todo.yaml"])
    func projectSpecsHaveValidExamples(_ file: String) throws {
        let output = try SpecFrontEnd().run(path: SchemaTestData.repositoryRoot + "/specs/" + file)
        let model = try #require(output.model)
        #expect(ExampleChecker(model: model).check().map(\.description) == [])
    }
}
