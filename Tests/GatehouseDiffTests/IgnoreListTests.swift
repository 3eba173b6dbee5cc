import GatehouseDiff
import GatehouseSpec
import Testing

struct IgnoreListTests {
    static let base = """
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
                      schema: {type: string, enum: [a, b]}
          /owners:
            get:
              operationId: listOwners
              responses:
                '200': {description: ok}
        """

    static let revision = """
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
                      schema: {type: string, enum: [a, b, c]}
        """

    static func list(_ yaml: String) -> (IgnoreList, [String]) {
        let (list, diagnostics) = IgnoreList.parse(bytes: Array(yaml.utf8), path: "ignore.yaml")
        return (list, diagnostics.map(\.description))
    }

    @Test func matchingEntriesDropTheirFindingsAndUnusedOnesAreReported() throws {
        let (list, problems) = Self.list(
            """
            - rule: response-enum-value-added
              path: /pets
              reason: clients have a default case
            - rule: operation-removed
              path: /owners/**
              method: get
              reason: owners moved to another API
            - rule: path-removed
              path: /stores/*
              reason: long gone
            """)
        #expect(problems == [])
        let report = diff(
            try inlineSide(Self.base, path: "base.yaml"), try inlineSide(Self.revision, path: "revision.yaml"),
            ignore: list)
        #expect(
            report.lines() == [
                "base.yaml:13:3: error: path '/owners' was removed, with operation 'listOwners' (GET /owners) [path-removed]",
                "  revision.yaml:4:3: note: the revision's paths",
                "ignore.yaml:4:3: warning: ignore entry for 'operation-removed' at '/owners/**' matches no finding; remove it [ignore-unused]",
                "  note: its reason: owners moved to another API",
                "ignore.yaml:8:3: warning: ignore entry for 'path-removed' at '/stores/*' matches no finding; remove it [ignore-unused]",
                "  note: its reason: long gone",
                "revision.yaml:2:30: error: the change breaks clients (1 error) but info.version went from '1.0.0' to '1.0.0'; bump the major version [version-bump]",
                "  base.yaml:2:30: note: the base's version",
            ])
        #expect(report.ignoredCount == 1)
    }

    @Test func globsMatchWithinAndAcrossSegments() throws {
        let (list, _) = Self.list(
            """
            - {rule: '*', path: '/p*', reason: everything under pets}
            - {rule: path-removed, path: '**', reason: any path}
            """)
        let report = diff(
            try inlineSide(Self.base, path: "base.yaml"), try inlineSide(Self.revision, path: "revision.yaml"),
            ignore: list)
        #expect(report.rules == [])
        #expect(report.ignoredCount == 2)
    }

    @Test func malformedEntriesAreReportedAtTheirLine() {
        let (_, problems) = Self.list(
            """
            - rule: no-such-rule
              path: /pets
              reason: typo
            - rule: path-removed
              path: /pets
            """)
        #expect(
            problems == [
                "ignore.yaml:1:9: error: unknown rule 'no-such-rule' in the ignore file [ignore-file]",
                "ignore.yaml:4:3: error: expected an entry with 'rule', 'path' and a non-empty 'reason' [ignore-file]",
            ])
    }
}
