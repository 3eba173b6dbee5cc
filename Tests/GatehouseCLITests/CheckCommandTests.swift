import Foundation
import GatehouseJSON
import GatehouseSpec
import Testing

struct CheckCommandTests {
    static let broken = """
        openapi: 3.0.3
        info: {title: Broken, version: '1'}
        paths:
          /pets/{petId}:
            get:
              responses:
                '200': {description: ok}
        """

    static let warningOnly = """
        openapi: 3.0.3
        info: {title: Warn, version: '1'}
        paths: {}
        """

    @Test func cleanSpecExitsZeroWithASummaryOnStdout() async throws {
        let result = try await GatehouseProcess.run(["check", "specs/petstore.yaml", "specs/todo.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == "specs/petstore.yaml: ok (5 operations)\nspecs/todo.yaml: ok (11 operations)\n")
        #expect(result.stderr == "")
    }

    @Test func errorsGoToStderrWithTheSourceLineAndExitOne() async throws {
        let result = try await GatehouseProcess.run(["check", "-"], stdin: Self.broken)
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                <stdin>:5:5: error: path parameter 'petId' of '/pets/{petId}' is not declared by operation 'getPetsByPetId'; expected a parameter with 'in: path' and 'name: petId' [path-params]
                    get:
                    ^
                <stdin>:5:5: note: at '#/paths/~1pets~1{petId}/get'

                """)
        #expect(result.stdout == "-: 1 error, 0 warnings (1 operation)\n")
    }

    @Test func warningsFailOnlyUnderStrict() async throws {
        #expect(try await GatehouseProcess.run(["check", "-"], stdin: Self.warningOnly).status == 0)
        #expect(try await GatehouseProcess.run(["check", "--strict", "-"], stdin: Self.warningOnly).status == 1)
        #expect(
            try await GatehouseProcess.run(
                ["check", "--strict", "--disable", "empty-paths", "-"], stdin: Self.warningOnly
            )
            .status == 0)
    }

    @Test func malformedUsagePlansAreErrorsOfCheckAtTheirLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-check-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = """
            openapi: 3.1.0
            info: {title: Plans, version: '1'}
            paths: {}
            x-gatehouse-usage-plans:
              default: gold
              plans:
                free:
                  throttle: {rate: -1}
                  quota: {limit: 10, period: YEAR}
            """
        try spec.write(toFile: "\(directory)/plans.yaml", atomically: true, encoding: .utf8)
        let result = try await GatehouseProcess.run(["check", "plans.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr.split(separator: "\n").filter { $0.contains("error:") } == [
                "plans.yaml:5:12: error: no plan named 'gold' [usage-plans]",
                "plans.yaml:8:24: error: must be a number of requests per second above 0 (at most 1000000) [usage-plans]",
                "plans.yaml:9:34: error: must be DAY, WEEK or MONTH [usage-plans]",
            ])
        #expect(
            result.stderr.contains("plans.yaml:8:24: note: at '#/x-gatehouse-usage-plans/plans/free/throttle/rate'\n"))
    }

    /// Errors documented only as XML: the gateway cannot write its own errors in them.
    static let gatewayErrors = """
        openapi: 3.0.3
        info: {title: Pets, version: '1'}
        paths:
          /pets:
            get:
              operationId: listPets
              parameters: [{name: limit, in: query, schema: {type: integer, maximum: 100}}]
              responses:
                '200': {description: ok}
                '400':
                  description: Bad request.
                  content:
                    application/xml:
                      schema:
                        type: object
                        required: [code, message]
                        properties: {code: {type: integer}, message: {type: string}}
        """

    @Test func aResponseThatCannotHoldTheGatewaysProblemIsAWarning() async throws {
        let result = try await GatehouseProcess.run(["check", "-"], stdin: Self.gatewayErrors)
        #expect(result.status == 0)
        #expect(
            result.stderr == """
                <stdin>:10:9: warning: the gateway answers 'listPets' with 400 (request validation) as 'application/problem+json'; the response documents only 'application/xml', which is not JSON [gateway-errors]
                        '400':
                        ^
                <stdin>:10:9: note: at '#/paths/~1pets/get/responses/400'

                """)
        #expect(result.stdout == "-: 0 errors, 1 warning (1 operation)\n")
        #expect(try await GatehouseProcess.run(["check", "--strict", "-"], stdin: Self.gatewayErrors).status == 1)
        let disabled = try await GatehouseProcess.run(
            ["check", "--strict", "--disable", "gateway-errors", "-"], stdin: Self.gatewayErrors)
        #expect(disabled.status == 0)
        #expect(disabled.stderr == "")
    }

    @Test func unreadableFileAndUsageErrorsExitSixtyFour() async throws {
        let missing = try await GatehouseProcess.run(["check", "does-not-exist.yaml"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "error: cannot read 'does-not-exist.yaml': no such file\n")
        let unknownRule = try await GatehouseProcess.run(["check", "--disable", "no-such-rule", "specs/petstore.yaml"])
        #expect(unknownRule.status == 64)
        #expect(unknownRule.stderr.contains("unknown rule 'no-such-rule'"))
        #expect(try await GatehouseProcess.run(["check", "--format", "xml", "specs/petstore.yaml"]).status == 64)
    }

    @Test func jsonFormatIsOneDocumentOnStdout() async throws {
        let result = try await GatehouseProcess.run(["check", "--format", "json", "-"], stdin: Self.broken)
        #expect(result.status == 1)
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(report["errors"] == .number(JSONNumber(1)))
        #expect(report["specs"]?.arrayValue?.first?["operations"] == .number(JSONNumber(1)))
        let diagnostic = try #require(report["diagnostics"]?.arrayValue?.first)
        #expect(diagnostic["rule"] == .string("path-params"))
        #expect(diagnostic["line"] == .number(JSONNumber(5)))
        #expect(diagnostic["column"] == .number(JSONNumber(5)))
        #expect(diagnostic["pointer"] == .string("/paths/~1pets~1{petId}/get"))
        #expect(result.stderr == "")
    }

    @Test func githubFormatWritesWorkflowCommands() async throws {
        let result = try await GatehouseProcess.run(["check", "--format", "github", "-"], stdin: Self.broken)
        #expect(result.status == 1)
        #expect(
            result.stdout
                == "::error file=<stdin>,line=5,col=5,title=path-params::path parameter 'petId' of '/pets/{petId}' is not declared by operation 'getPetsByPetId'; expected a parameter with 'in: path' and 'name: petId'%0Aat '#/paths/~1pets~1{petId}/get'\n"
        )
    }

    @Test func sarifFormatIsAValidLog() async throws {
        let result = try await GatehouseProcess.run(["check", "--format", "sarif", "-"], stdin: Self.broken)
        #expect(result.status == 1)
        let log = try JSONParser.parse(Array(result.stdout.utf8))
        #expect(log["version"] == .string("2.1.0"))
        let run = try #require(log["runs"]?.arrayValue?.first)
        #expect(run["tool"]?["driver"]?["name"] == .string("gatehouse"))
        #expect(run["tool"]?["driver"]?["rules"]?.arrayValue?.count == Rule.all.count)
        let result0 = try #require(run["results"]?.arrayValue?.first)
        #expect(result0["ruleId"] == .string("path-params"))
        #expect(result0["level"] == .string("error"))
        let region = result0["locations"]?.arrayValue?.first?["physicalLocation"]?["region"]
        #expect(region?["startLine"] == .number(JSONNumber(5)))
        #expect(region?["startColumn"] == .number(JSONNumber(5)))
    }

    @Test func badInputsExitNonZeroWithoutCrashing() async throws {
        let cases: [String] = ["", "[1, 2]", "\u{1}\u{2}binary", "swagger: '2.0'\n", "a: [1, 2\n"]
        for input in cases {
            let result = try await GatehouseProcess.run(["check", "-"], stdin: input)
            #expect(result.status == 1, "input \(input.debugDescription)")
            #expect(result.stderr.contains("error:"), "input \(input.debugDescription)")
        }
    }
}

/// The `example` rule on the real-world specs: GitHub's has six response examples of `migration` that omit
/// properties its schema requires; Stripe's examples are all valid.
struct CheckExamplesOnRealWorldSpecsTests {
    static let testdata = GatehouseProcess.repositoryRoot + "/../shared/testdata/real-world/"

    @Test func githubExamplesMissingRequiredPropertiesAreTheOnlyErrors() async throws {
        let result = try await GatehouseProcess.run(["check", Self.testdata + "github.json"])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 12)
        #expect(errors.allSatisfy { $0.hasSuffix("[example]") && $0.contains("missing required property 'exclude_") })
        let clean = try await GatehouseProcess.run(["check", "--disable", "example", Self.testdata + "github.json"])
        #expect(clean.status == 0)
    }

    /// Every operation documents its errors as Stripe's `{"error": {…}}`: the gateway writes its own errors in that
    /// shape, so nothing is reported.
    @Test func stripeChecksClean() async throws {
        let result = try await GatehouseProcess.run(["check", Self.testdata + "stripe.json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("stripe.json: ok (468 operations)\n"))
        #expect(result.stderr == "")
    }
}
