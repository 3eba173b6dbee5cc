import Foundation
import GatehouseJSON
import Testing

/// `gatehouse diff` as a user runs it: exit statuses, the text format with source lines, and the report formats.
struct DiffCommandTests {
    static let base = """
        openapi: 3.0.3
        info: {title: Pets, version: 1.0.0}
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, schema: {type: integer, maximum: 100}}
              responses:
                '200': {description: ok}
            delete:
              operationId: deletePets
              responses:
                '204': {description: ok}
        """

    static let revision = """
        openapi: 3.0.3
        info: {title: Pets, version: 2.0.0}
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, schema: {type: integer, maximum: 50}}
                - {name: q, in: query, schema: {type: string}}
              responses:
                '200': {description: ok}
        """

    /// A directory with `base.yaml` and `revision.yaml`, removed after `body`.
    static func withPair<T>(
        base: String = Self.base, revision: String = Self.revision, _ body: (String) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-diff-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try base.write(toFile: directory + "/base.yaml", atomically: true, encoding: .utf8)
        try revision.write(toFile: directory + "/revision.yaml", atomically: true, encoding: .utf8)
        return try await body(directory)
    }

    @Test func breakingChangesPrintAsACompilerWouldAndExitOne() async throws {
        try await Self.withPair { directory in
            let result = try await GatehouseProcess.run(["diff", "base.yaml", "revision.yaml"], in: directory)
            #expect(result.status == 1)
            #expect(
                result.stderr == """
                    base.yaml:11:5: error: operation 'deletePets' (DELETE /pets) was removed [operation-removed]
                        delete:
                        ^
                    base.yaml:11:5: note: at '#/paths/~1pets/delete'
                    revision.yaml:4:3: note: the revision's paths
                      /pets:
                      ^
                    revision.yaml:8:69: error: maximum of query parameter 'limit' of 'listPets' changed from 100 to 50 [request-constraint-narrowed]
                            - {name: limit, in: query, schema: {type: integer, maximum: 50}}
                                                                                        ^
                    revision.yaml:8:69: note: at '#/paths/~1pets/get/parameters/0/schema/maximum'
                    base.yaml:8:69: note: the base's bound
                            - {name: limit, in: query, schema: {type: integer, maximum: 100}}
                                                                                        ^
                    revision.yaml:9:11: info: optional query parameter 'q' was added to 'listPets' [parameter-added]
                            - {name: q, in: query, schema: {type: string}}
                              ^
                    revision.yaml:9:11: note: at '#/paths/~1pets/get/parameters/1'
                    base.yaml:5:5: note: the base's operation
                        get:
                        ^

                    """)
            #expect(result.stdout == "base.yaml → revision.yaml: 2 errors, 0 warnings, 1 info\n")
        }
    }

    @Test func compatibleChangesExitZeroUnlessFailOnIsLower() async throws {
        let compatible = Self.base.replacingOccurrences(of: "maximum: 100", with: "maximum: 50")
            .replacingOccurrences(of: "version: 1.0.0", with: "version: 2.0.0")
        try await Self.withPair(base: compatible, revision: compatible + "\n      summary: list") { directory in
            let same = try await GatehouseProcess.run(["diff", "base.yaml", "base.yaml"], in: directory)
            #expect(same.status == 0)
            #expect(same.stdout == "base.yaml → base.yaml: 0 errors, 0 warnings, 0 info\n")
        }
        let added = Self.base + "\n  /owners:\n    get:\n      responses:\n        '200': {description: ok}\n"
        try await Self.withPair(revision: added) { directory in
            let run = try await GatehouseProcess.run(["diff", "base.yaml", "revision.yaml"], in: directory)
            #expect(run.status == 0)
            let strict = try await GatehouseProcess.run(
                ["diff", "--fail-on", "info", "base.yaml", "revision.yaml"], in: directory)
            #expect(strict.status == 1)
        }
    }

    @Test func unreadableInputAndBadUsageExitSixtyFour() async throws {
        try await Self.withPair { directory in
            let missing = try await GatehouseProcess.run(["diff", "base.yaml", "nope.yaml"], in: directory)
            #expect(missing.status == 64)
            #expect(missing.stderr == "error: cannot read 'nope.yaml': no such file\n")
            try "openapi: 3.0.3\ninfo: [".write(toFile: directory + "/broken.yaml", atomically: true, encoding: .utf8)
            let broken = try await GatehouseProcess.run(["diff", "base.yaml", "broken.yaml"], in: directory)
            #expect(broken.status == 64)
            #expect(
                broken.stderr.hasSuffix("error: cannot compare 'broken.yaml': it is not a readable OpenAPI document\n"))
            let usage = try await GatehouseProcess.run(
                ["diff", "--today", "June", "base.yaml", "revision.yaml"], in: directory)
            #expect(usage.status == 64)
            let notGit = try await GatehouseProcess.run(["diff", "main:base.yaml", "revision.yaml"], in: directory)
            #expect(notGit.status == 64)
            #expect(notGit.stderr.hasPrefix("error: cannot read 'main:base.yaml': "))
        }
    }

    @Test func jsonReportListsFindingsWithTheirOperation() async throws {
        try await Self.withPair { directory in
            let result = try await GatehouseProcess.run(
                ["diff", "--format", "json", "base.yaml", "revision.yaml"], in: directory)
            #expect(result.status == 1)
            let report = try JSONParser.parse(Array(result.stdout.utf8))
            #expect(report["errors"] == .number(JSONNumber(2)))
            #expect(report["info"] == .number(JSONNumber(1)))
            let first = report["findings"]?.arrayValue?.first
            #expect(first?["rule"] == .string("operation-removed"))
            #expect(first?["file"] == .string("base.yaml"))
            #expect(first?["line"] == .number(JSONNumber(11)))
            #expect(first?["operation"]?["operationId"] == .string("deletePets"))
        }
    }

    @Test func githubFormatAnnotatesTheLines() async throws {
        try await Self.withPair { directory in
            let result = try await GatehouseProcess.run(
                ["diff", "--format", "github", "base.yaml", "revision.yaml"], in: directory)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.first
                    == "::error file=base.yaml,line=11,col=5,title=operation-removed::operation 'deletePets' (DELETE /pets) was removed%0Aat '#/paths/~1pets/delete'%0Arevision.yaml:4:3: the revision's paths"
            )
            #expect(lines.last?.hasPrefix("::notice file=revision.yaml,line=9,col=11,title=parameter-added::") == true)
        }
    }

    @Test func markdownIsAChangelogGroupedByOperation() async throws {
        try await Self.withPair { directory in
            let result = try await GatehouseProcess.run(
                ["diff", "--format", "markdown", "base.yaml", "revision.yaml"], in: directory)
            #expect(
                result.stdout == """
                    # API changes: `base.yaml` → `revision.yaml`

                    2 breaking changes, 0 warnings, 1 compatible

                    ## `DELETE /pets` (deletePets)

                    - **breaking**: operation 'deletePets' (DELETE /pets) was removed (`operation-removed`, base.yaml:11:5)

                    ## `GET /pets` (listPets)

                    - **breaking**: maximum of query parameter 'limit' of 'listPets' changed from 100 to 50 (`request-constraint-narrowed`, revision.yaml:8:69)
                    - info: optional query parameter 'q' was added to 'listPets' (`parameter-added`, revision.yaml:9:11)

                    """)
        }
    }

    static let sharedBase = """
        openapi: 3.0.3
        info: {title: Pets, version: 1.0.0}
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
          /pets/{petId}:
            get:
              operationId: showPet
              parameters:
                - {name: petId, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
        components:
          schemas:
            Pet:
              type: object
              required: [id]
              properties:
                id: {type: string}
        """

    @Test func aChangeInASharedSchemaIsListedOnceWithEveryOperationItAffects() async throws {
        let revision = Self.sharedBase.replacingOccurrences(of: "id: {type: string}", with: "id: {type: integer}")
            .replacingOccurrences(of: "version: 1.0.0", with: "version: 2.0.0")
        try await Self.withPair(base: Self.sharedBase, revision: revision) { directory in
            let markdown = try await GatehouseProcess.run(
                ["diff", "--format", "markdown", "base.yaml", "revision.yaml"], in: directory)
            #expect(markdown.status == 1)
            #expect(
                markdown.stdout == """
                    # API changes: `base.yaml` → `revision.yaml`

                    1 breaking change, 0 warnings, 0 compatible

                    ## `GET /pets` (listPets)

                    - **breaking**: type of property '\\[\\].id' of the 'application/json' body of response 200 of 'listPets' changed from 'string' to 'integer' (`response-type-changed`, revision.yaml:30:20); shared schema, also affects `GET /pets/{petId}` (showPet)

                    """)
            let json = try await GatehouseProcess.run(
                ["diff", "--format", "json", "base.yaml", "revision.yaml"], in: directory)
            let report = try JSONParser.parse(Array(json.stdout.utf8))
            let findings = report["findings"]?.arrayValue ?? []
            #expect(findings.count == 1)
            #expect(findings.first?["alsoAffects"]?.arrayValue?.map { $0["operationId"] } == [.string("showPet")])
        }
    }

    @Test func junitAndSarifReportsNameTheRules() async throws {
        try await Self.withPair { directory in
            let junit = try await GatehouseProcess.run(
                ["diff", "--format", "junit", "base.yaml", "revision.yaml"], in: directory)
            #expect(junit.stdout.contains("<testsuites name=\"gatehouse diff\" tests=\"3\" failures=\"2\">"))
            #expect(
                junit.stdout.contains(
                    "<testcase classname=\"gatehouse.diff\" name=\"DELETE /pets (deletePets)\">\n      <failure type=\"operation-removed\""
                ))
            let sarif = try await GatehouseProcess.run(
                ["diff", "--format", "sarif", "base.yaml", "revision.yaml"], in: directory)
            let log = try JSONParser.parse(Array(sarif.stdout.utf8))
            let results = log["runs"]?.arrayValue?.first?["results"]?.arrayValue ?? []
            #expect(
                results.map { $0["ruleId"] } == [
                    .string("operation-removed"), .string("request-constraint-narrowed"), .string("parameter-added"),
                ])
            let rules = log["runs"]?.arrayValue?.first?["tool"]?["driver"]?["rules"]?.arrayValue ?? []
            #expect(rules.contains { $0["id"] == .string("request-constraint-narrowed") })
        }
    }
}

extension DiffCommandTests {
    @Test func anIgnoreFileDropsAcceptedFindingsAndAMalformedOneIsAUsageError() async throws {
        try await Self.withPair { directory in
            try """
            - {rule: operation-removed, path: /pets, method: DELETE, reason: announced in March}
            - {rule: request-constraint-narrowed, path: '/pets/**', reason: no client sends more than 50}
            """.write(toFile: directory + "/ignore.yaml", atomically: true, encoding: .utf8)
            let accepted = try await GatehouseProcess.run(
                ["diff", "--ignore", "ignore.yaml", "base.yaml", "revision.yaml"], in: directory)
            #expect(accepted.status == 0)
            #expect(accepted.stdout == "base.yaml → revision.yaml: 0 errors, 0 warnings, 1 info; 2 ignored\n")

            try "- {rule: operation-removed, path: /pets}\n".write(
                toFile: directory + "/bad.yaml", atomically: true, encoding: .utf8)
            let malformed = try await GatehouseProcess.run(
                ["diff", "--ignore", "bad.yaml", "base.yaml", "revision.yaml"], in: directory)
            #expect(malformed.status == 64)
            #expect(
                malformed.stderr.hasPrefix(
                    "bad.yaml:1:3: error: expected an entry with 'rule', 'path' and a non-empty 'reason' [ignore-file]")
            )
        }
    }

    @Test func sdkSwiftAddsTheGeneratedClientsFindings() async throws {
        try await Self.withPair { directory in
            let result = try await GatehouseProcess.run(
                ["diff", "--sdk", "swift", "--format", "json", "base.yaml", "revision.yaml"], in: directory)
            #expect(result.status == 1)
            let report = try JSONParser.parse(Array(result.stdout.utf8))
            let findings = report["findings"]?.arrayValue ?? []
            let sdk = findings.filter { $0["rule"]?.stringValue?.hasPrefix("sdk-") == true }
            #expect(
                sdk.map { $0["message"]?.stringValue ?? "" } == [
                    "method 'Client.deletePets' of the generated client was removed or renamed"
                ])
            #expect(sdk.first?["file"] == .string("base.yaml"))
            #expect(sdk.first?["line"] == .number(JSONNumber(11)))
        }
    }
}
