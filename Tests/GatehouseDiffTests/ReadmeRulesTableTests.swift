import Foundation
import GatehouseDiff
import Testing

/// The README's table of diff rules is what users read to learn a rule id for their ignore file: it must list every
/// rule, in the order `DiffRules.all` has them, with its level and meaning.
struct ReadmeRulesTableTests {
    @Test func readmeTableListsEveryRuleWithItsLevelAndMeaning() throws {
        let readme = try String(contentsOfFile: DiffTestPaths.repositoryRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Diff rules").dropFirst().first)
        let rows = section.components(separatedBy: "\n### ")[0].split(separator: "\n").filter { $0.hasPrefix("| `") }
        let expected = DiffRules.all.map { "| `\($0.id)` | \($0.defaultSeverity.rawValue) | \($0.summary) |" }
        #expect(rows.map(String.init) == expected)
    }
}
