import Foundation
import GatehouseDiff
import GatehouseSpec
import Testing

/// The corpus: a directory per case under `Corpus/` with `base.yaml`, `revision.yaml` (and the files they reference)
/// and `expected.txt`, the findings a user reads. Each rule has a case where it fires and one where it must not. Both
/// documents of a case are valid contracts (`gatehouse check` finds no error), as `gatehouse diff` needs them.
/// A case with a file `sdk` also compares the generated Swift clients (`--sdk swift`).
/// `GATEHOUSE_RECORD_DIFF=1` rewrites the expected files; review the diff before committing it.
struct DiffCorpusTests {
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: DiffTestPaths.corpus)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test(arguments: cases)
    func corpusCaseGivesExactlyTheExpectedFindings(_ name: String) throws {
        let directory = DiffTestPaths.corpus + "/" + name
        let swiftClient = FileManager.default.fileExists(atPath: directory + "/sdk")
        let report = ContractDiffer(configuration: .init(today: corpusToday, swiftClient: swiftClient))
            .diff(
                base: try loadSide(directory + "/base.yaml", valid: true),
                revision: try loadSide(directory + "/revision.yaml", valid: true))
        let actual = report.lines(removing: directory + "/")
        let expectedPath = directory + "/expected.txt"
        if ProcessInfo.processInfo.environment["GATEHOUSE_RECORD_DIFF"] != nil {
            let text = actual.isEmpty ? "" : actual.joined(separator: "\n") + "\n"
            try text.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(actual == expected)
    }

    @Test func corpusCoversEveryRuleFiringAndEveryRuleQuietSomewhere() throws {
        var fired = Set<String>()
        var quietCases: [String: Int] = [:]
        for name in Self.cases {
            let text = try String(contentsOfFile: DiffTestPaths.corpus + "/\(name)/expected.txt", encoding: .utf8)
            let rules = Set(
                text.split(separator: "\n").compactMap { line -> String? in
                    guard !line.hasPrefix("  "), let open = line.lastIndex(of: "[") else { return nil }
                    return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
                })
            fired.formUnion(rules)
            for rule in DiffRules.all.map(\.id) where !rules.contains(rule) { quietCases[rule, default: 0] += 1 }
        }
        // ignore-unused is covered by the ignore tests, which need an ignore file.
        let missing = DiffRules.all.map(\.id).filter { !fired.contains($0) && $0 != DiffRules.ignoreUnused.id }
        #expect(missing == [])
        #expect(DiffRules.all.map(\.id).filter { quietCases[$0, default: 0] == 0 } == [])
    }
}
