import GatehouseJSON
import Testing

@testable import GatehouseSpec

/// Each lint rule on a small document, with the exact text a user sees.
struct LintRuleTests {
    static let header = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n"

    @Test func undeclaredPathParameter() {
        let output = check(
            Self.header + """
                paths:
                  /pets/{petId}:
                    get:
                      responses:
                        '200': {description: ok}
                """)
        #expect(
            output.lines(rule: .pathParams) == [
                "5:5: error: path parameter 'petId' of '/pets/{petId}' is not declared by operation 'getPetsByPetId'; expected a parameter with 'in: path' and 'name: petId' [path-params]"
            ])
    }

    @Test func declaredPathParameterMissingFromTheTemplateAndNotRequired() {
        let output = check(
            Self.header + """
                paths:
                  /pets/{id}:
                    parameters:
                      - {name: id, in: path, required: false, schema: {type: string}}
                      - {name: other, in: path, required: true, schema: {type: string}}
                    get:
                      responses:
                        '200': {description: ok}
                    put:
                      responses:
                        '200': {description: ok}
                """, disabled: ["structure"])
        #expect(
            output.lines(rule: .pathParams) == [
                "6:40: error: path parameter 'id' must have 'required: true' [path-params]",
                "7:9: error: path parameter 'other' is declared but '/pets/{id}' has no '{other}' [path-params]",
            ])
    }

    @Test func duplicateOperationId() {
        let output = check(
            Self.header + """
                paths:
                  /a:
                    get: {operationId: same, responses: {'200': {description: ok}}}
                  /b:
                    get: {operationId: same, responses: {'200': {description: ok}}}
                """)
        #expect(
            output.lines(rule: .duplicateOperationId) == [
                "7:24: error: operationId 'same' of 'GET /b' is already used by 'GET /a' [duplicate-operation-id]"
            ])
        #expect(output.diagnostics.first { $0.rule == "duplicate-operation-id" }?.notes.first?.location?.line == 5)
    }

    @Test func parameterDeclaredTwice() {
        let output = check(
            Self.header + """
                paths:
                  /a:
                    get:
                      parameters:
                        - {name: limit, in: query, schema: {type: integer}}
                        - {name: limit, in: query, schema: {type: integer}}
                        - {name: limit, in: header, schema: {type: integer}}
                      responses: {'200': {description: ok}}
                """)
        #expect(
            output.lines(rule: .duplicateParameter) == [
                "8:11: error: query parameter 'limit' is declared twice in the same list [duplicate-parameter]"
            ])
    }

    @Test func operationParameterOverridesPathItemParameter() {
        let output = check(
            Self.header + """
                paths:
                  /a:
                    parameters:
                      - {name: limit, in: query, schema: {type: integer}}
                    get:
                      parameters:
                        - {name: limit, in: query, required: true, schema: {type: integer}}
                      responses: {'200': {description: ok}}
                """)
        #expect(output.lines == [])
        #expect(output.model?.operations.first?.parameters.map(\.required) == [true])
    }

    @Test func collidingPathTemplates() {
        let output = check(
            Self.header + """
                paths:
                  /a/{x}:
                    get: {parameters: [{name: x, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}
                  /a/{y}:
                    get: {parameters: [{name: y, in: path, required: true, schema: {type: string}}], responses: {'200': {description: ok}}}
                  /a/literal:
                    get: {responses: {'200': {description: ok}}}
                """)
        #expect(
            output.lines(rule: .pathCollision) == [
                "6:3: error: path '/a/{y}' collides with '/a/{x}': templates that differ only in parameter names match the same requests [path-collision]"
            ])
    }

    @Test func undefinedSecurityScheme() {
        let output = check(
            Self.header + """
                security:
                  - apiKey: []
                paths:
                  /a:
                    get:
                      security: [{oauth: [read]}, {}]
                      responses: {'200': {description: ok}}
                components:
                  securitySchemes:
                    apiKey: {type: apiKey, name: X-API-Key, in: header}
                """)
        #expect(
            output.lines(rule: .undefinedSecurityScheme) == [
                "8:19: error: security requirement names undefined scheme 'oauth' (defined: 'apiKey') [undefined-security-scheme]"
            ])
    }

    @Test func operationWithoutSuccessResponse() {
        let output = check(
            Self.header + """
                paths:
                  /a:
                    get:
                      responses:
                        '404': {description: missing}
                    post:
                      responses:
                        default: {description: anything}
                """)
        #expect(
            output.lines(rule: .noSuccessResponse) == [
                "6:7: warning: operation 'getA' declares no 2XX or default response [no-success-response]"
            ])
    }

    @Test func malformedMediaTypes() {
        let output = check(
            Self.header + """
                paths:
                  /a:
                    post:
                      requestBody:
                        content:
                          'application/json; charset=utf-8': {}
                          'application/*+json': {}
                          'json': {}
                          'text/plain;;': {}
                          'multipart/form-data':
                            encoding:
                              file: {contentType: 'image/png, image jpeg'}
                      responses: {'200': {description: ok}}
                """)
        #expect(
            output.lines(rule: .mediaType) == [
                "10:11: error: malformed media type 'json'; expected 'type/subtype' with optional '; name=value' parameters [media-type]",
                "14:35: error: malformed media type 'image jpeg' in 'contentType' of encoding 'file' [media-type]",
            ])
    }

    @Test func emptyPaths() {
        let output = check(Self.header + "paths: {}\n")
        #expect(output.lines == ["3:1: warning: the document declares no paths [empty-paths]"])
        #expect(check(Self.header + "paths: {}\n", disabled: ["empty-paths"]).lines == [])
    }

    @Test func malformedPathTemplate() {
        let output = check(
            Self.header + """
                paths:
                  /a/{id:
                    get: {responses: {'200': {description: ok}}}
                """)
        #expect(
            output.lines(rule: .pathParams) == [
                "4:3: error: unclosed '{' in path template '/a/{id' [path-params]"
            ])
    }
}
