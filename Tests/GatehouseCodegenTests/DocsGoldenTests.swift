import Foundation
import GatehouseCodegen
import Testing

/// The whole page for a small spec, compared byte for byte with `Fixtures/docs-small.html`.
///
/// Re-record after an intended change with `GATEHOUSE_RECORD_GOLDEN=1 swift test --filter DocsGoldenTests`, and
/// read the diff before committing it.
@Suite struct DocsGoldenTests {
    @Test func smallSpecMatchesItsGoldenPage() throws {
        let model = try DocsTestSupport.model(
            path: DocsTestSupport.fixtures.appendingPathComponent("docs-small.yaml").path)
        let html = try DocsTestSupport.page(model)
        let golden = DocsTestSupport.fixtures.appendingPathComponent("docs-small.html")
        if ProcessInfo.processInfo.environment["GATEHOUSE_RECORD_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if html != expected {
            let actualLines = html.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = first?.offset ?? min(actualLines.count, expectedLines.count)
            Issue.record(
                """
                the page differs from Fixtures/docs-small.html at line \(line + 1):
                - \(line < expectedLines.count ? String(expectedLines[line]) : "(end of file)")
                + \(line < actualLines.count ? String(actualLines[line]) : "(end of file)")
                (re-record with GATEHOUSE_RECORD_GOLDEN=1 if the change is intended)
                """)
        }
    }
}
