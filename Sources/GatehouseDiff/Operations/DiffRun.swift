import GatehouseJSON
import GatehouseSpec

/// One comparison in progress: the two sides, the findings so far, and the schema pairs already compared.
struct DiffRun {
    let base: DiffSide
    let revision: DiffSide
    let today: String
    var findings: [Finding] = []
    /// The operation being compared, named in its findings.
    var operation: OperationRef?
    /// Set while comparing an operation that is `x-stability-level: draft` or `alpha`: its findings become info.
    var unstableLevel: String?
    var fingerprints = SchemaFingerprints()
    /// Schema pairs waiting to be compared, breadth first (see `compareSchemas`).
    var schemaQueue: [QueuedComparison] = []
    var isComparingSchemas = false
    /// The number of the pair being compared, whose findings and queued pairs are its own.
    var currentPair: Int?
    /// Schema pairs already compared (or being compared: this is what ends recursion through cyclic schemas), and
    /// which operations reach them, so a finding in a shared schema names every operation it affects.
    var schemaReach = SchemaReach()

    init(base: DiffSide, revision: DiffSide, today: String) {
        self.base = base
        self.revision = revision
        self.today = today
    }

    mutating func compareContracts() {
        compareServers()
        compareSecuritySchemes()
        compareOperations()
        compareWebhooks()
        schemaReach.annotate(&findings)
    }

    /// Records a finding of the current operation at `place`, with a note saying what the other side has.
    mutating func report(
        _ rule: Rule, _ message: String, at place: DiffPlace, note: String? = nil, noteAt other: DiffPlace? = nil,
        also extra: Diagnostic.Note? = nil
    ) {
        var notes: [Diagnostic.Note] = []
        if let extra { notes.append(extra) }
        if let note { notes.append(Diagnostic.Note(note, at: other?.location)) }
        var finding = Finding(rule, message, operation: operation, at: place, notes: notes)
        if let currentPair { schemaReach.found(findings.count, in: currentPair) }
        if let unstableLevel, finding.level > .info {
            finding.level = .info
            finding.notes.append(
                Diagnostic.Note("the operation is 'x-stability-level: \(unstableLevel)', so it may break freely"))
        }
        findings.append(finding)
    }
}
