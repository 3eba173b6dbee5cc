import GatehouseSpec
import Testing

@testable import GatehouseValidation

/// The `unsatisfiable-schema` rule: a response schema no value honours is a `check` error at the media type, not a
/// 500 from the mock at request time; a schema with a valid example, or one the synthesizer fills, is clean.
struct SatisfiabilityCheckerTests {
    @Test func aContradictorySchemaIsAnErrorAtItsMediaType() throws {
        let yaml = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /codes:
                get:
                  operationId: getCode
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {type: string, minLength: 5, maxLength: 2}
                    '201':
                      description: the same, with an example that honours a satisfiable schema
                      content:
                        application/json:
                          schema: {type: string, pattern: '^(?!x)[a-z]{3}$'}
                          example: abc
                    '202':
                      description: satisfiable without an example
                      content:
                        application/json:
                          schema:
                            oneOf:
                              - {type: object, properties: {a: {type: string}, b: {type: integer}}}
                              - {type: object, required: [b], properties: {b: {type: integer}}}
            """
        let output = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "codes.yaml")
        let model = try #require(output.model)
        let diagnostics = SatisfiabilityChecker(model: model).check()
        #expect(
            diagnostics.map(\.description) == [
                "codes.yaml:11:13: error: no value honours the schema of 'getCode' 200 'application/json': it has no valid example and none could be generated; fix contradicting constraints or add an example [unsatisfiable-schema]"
            ])
    }
}
