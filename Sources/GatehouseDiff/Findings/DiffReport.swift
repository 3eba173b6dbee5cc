public import GatehouseSpec

/// What `diff` found: the findings that stand, and the ignore entries that matched nothing.
public struct DiffReport: Sendable {
    public var findings: [Finding]
    /// How many findings the ignore list dropped.
    public var ignoredCount: Int

    public init(findings: [Finding], ignoredCount: Int) {
        self.findings = findings
        self.ignoredCount = ignoredCount
    }

    public func count(_ level: Diagnostic.Severity) -> Int {
        findings.count { $0.level == level }
    }
}
