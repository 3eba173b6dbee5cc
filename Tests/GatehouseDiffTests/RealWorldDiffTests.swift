import GatehouseDiff
import GatehouseSpec
import Testing

/// Large real-world contracts (`../shared/testdata/real-world`): a contract diffed against itself has no findings.
struct RealWorldDiffTests {
    @Test(arguments: ["github.yaml", "stripe.yaml"])
    func aLargeContractDiffedAgainstItselfHasNoFindings(_ file: String) throws {
        let path = DiffTestPaths.testdata + "/real-world/" + file
        let report = diff(try loadSide(path), try loadSide(path))
        #expect(report.lines().prefix(10) == [])
    }
}
