import GatehouseSpec

/// Compares two versions of a contract and reports each change with its rule, level and location.
///
/// Requests break by narrowing what they accept and responses by widening what they return; schemas are compared
/// structurally, through `$ref`s, `allOf` and `oneOf`/`anyOf`, so a renamed or moved component is no change. The
/// differ is synchronous and pure: the date `x-sunset` is compared with comes from the configuration.
public struct ContractDiffer: Sendable {
    public struct Configuration: Sendable {
        /// Today, as `YYYY-MM-DD`: an operation or parameter whose `x-sunset` is on or before it may be removed.
        public var today: String
        /// Findings to drop, by rule and path.
        public var ignore: IgnoreList
        /// Also compare the Swift clients `gatehouse generate` writes for both versions (`sdk-*` findings).
        public var swiftClient: Bool

        public init(today: String, ignore: IgnoreList = IgnoreList(), swiftClient: Bool = false) {
            self.today = today
            self.ignore = ignore
            self.swiftClient = swiftClient
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The changes from `base` to `revision`, sorted by location.
    public func diff(base: DiffSide, revision: DiffSide) -> DiffReport {
        var run = DiffRun(base: base, revision: revision, today: configuration.today)
        run.compareContracts()
        if configuration.swiftClient {
            run.findings += SwiftClientComparison(base: base, revision: revision).findings()
        }
        var report = configuration.ignore.apply(to: run.findings)
        // The version speaks for the contract: a change only the generated client feels does not call for a bump.
        let kept = report.findings.filter { !$0.rule.id.hasPrefix("sdk-") }
        report.findings += VersionPolicy.findings(base: base, revision: revision, changes: kept)
        report.findings = report.findings.sorted { ($0.location, $0.rule.id) < ($1.location, $1.rule.id) }
        return report
    }
}
