import GatehouseDiff
import GatehouseSpec
import Testing

/// Schemas that refer to themselves, or fan out to the same schemas many times, are compared once per pair, so the
/// comparison ends (and reports a change once) however the references loop.
struct RecursiveSchemaTests {
    /// `Level0` … `LevelN`, each with two properties referring to the next level: 2^N paths to the last one, and a
    /// back edge to `Level0` from each. Without memoized pairs this never finishes.
    static func fanOut(levels: Int, lastMaxLength: Int) -> String {
        var yaml = """
            openapi: 3.0.3
            info: {title: Deep, version: 1.0.0}
            paths:
              /deep:
                post:
                  operationId: postDeep
                  requestBody:
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Level0'}
                  responses:
                    '200': {description: ok}
            components:
              schemas:

            """
        for level in 0..<levels {
            yaml += """
                    Level\(level):
                      type: object
                      properties:
                        left: {$ref: '#/components/schemas/Level\(level + 1)'}
                        right: {$ref: '#/components/schemas/Level\(level + 1)'}
                        root: {$ref: '#/components/schemas/Level0'}

                """
        }
        yaml += """
                Level\(levels):
                  type: string
                  maxLength: \(lastMaxLength)

            """
        return yaml
    }

    @Test func fanOutThroughManyLevelsIsComparedOncePerPair() throws {
        let base = try inlineSide(Self.fanOut(levels: 40, lastMaxLength: 10), path: "base.yaml")
        let revision = try inlineSide(Self.fanOut(levels: 40, lastMaxLength: 5), path: "revision.yaml")
        let report = diff(base, revision)
        let path = Array(repeating: "left", count: 40).joined(separator: ".")
        #expect(
            report.lines() == [
                "revision.yaml:2:30: error: the change breaks clients (1 error) but info.version went from '1.0.0' to '1.0.0'; bump the major version [version-bump]",
                "  base.yaml:2:30: note: the base's version",
                "revision.yaml:257:18: error: maxLength of property '\(path)' of the 'application/json' request body of 'postDeep' changed from 10 to 5 [request-constraint-narrowed]",
                "  base.yaml:257:18: note: the base's bound",
            ])
    }

    @Test func aChangeThreeHundredSchemasDeepIsFound() throws {
        func nested(_ depth: Int, _ type: String, version: String) -> String {
            var schema = "{type: \(type)}"
            for _ in 0..<depth { schema = "{type: object, properties: {child: \(schema)}}" }
            return """
                openapi: 3.0.3
                info: {title: Nested, version: \(version)}
                paths:
                  /nested:
                    get:
                      operationId: getNested
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: \(schema)
                """
        }
        let report = diff(
            try inlineSide(nested(300, "string", version: "1.0.0"), path: "base.yaml"),
            try inlineSide(nested(300, "integer", version: "2.0.0"), path: "revision.yaml"))
        let path = Array(repeating: "child", count: 300).joined(separator: ".")
        let message =
            "type of property '\(path)' of the 'application/json' body of response 200 of 'getNested' changed from "
            + "'string' to 'integer'"
        #expect(report.findings.map(\.message) == [message])
        // At the innermost `type` value: the schema starts at column 23 of the `schema:` line, after 300 openings of
        // 35 characters each (`{type: object, properties: {child: `), then `{type: ` (7).
        #expect(report.findings.first?.location.description == "revision.yaml:12:\(23 + 35 * 300 + 7)")
    }
}
