import GatehouseDiff
import GatehouseSpec
import Testing

/// Large real-world contracts (`../shared/testdata/real-world`): a contract diffed against itself has no findings,
/// neither in the contract nor in its generated Swift client.
struct RealWorldDiffTests {
    @Test(arguments: ["github.yaml", "stripe.yaml"])
    func aLargeContractDiffedAgainstItselfHasNoFindings(_ file: String) throws {
        let path = DiffTestPaths.testdata + "/real-world/" + file
        let report = ContractDiffer(configuration: .init(today: corpusToday, swiftClient: true))
            .diff(base: try loadSide(path), revision: try loadSide(path))
        #expect(report.lines().prefix(10) == [])
    }
}

extension RealWorldDiffTests {
    /// Two unrelated large contracts: nothing matches, so every type and method of one client is compared with every
    /// other in search of renames; that search is by index, and the diff ends with the findings it should.
    @Test func githubAgainstStripeReportsEveryPathRemovedAndEveryOperationAdded() throws {
        let github = try loadSide(DiffTestPaths.testdata + "/real-world/github.json")
        let stripe = try loadSide(DiffTestPaths.testdata + "/real-world/stripe.json")
        let report = ContractDiffer(configuration: .init(today: corpusToday, swiftClient: true))
            .diff(base: github, revision: stripe)
        var counts: [String: Int] = [:]
        for finding in report.findings { counts[finding.rule.id, default: 0] += 1 }
        #expect(counts["path-removed"] == 498)
        #expect(counts["operation-added"] == stripe.model.operations.count)
        #expect(counts["sdk-member-removed"] == 777)
        #expect(counts["sdk-type-removed"] == 730)
        #expect(counts.keys.filter { !$0.hasPrefix("sdk-") }.sorted() == ["operation-added", "path-removed"])
    }
}
