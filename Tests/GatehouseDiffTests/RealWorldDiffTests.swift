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
