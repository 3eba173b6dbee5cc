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
    /// Schema pairs already compared (or being compared: this is what ends recursion through cyclic schemas).
    var comparedPairs = Set<SchemaPair>()
    var fingerprints = SchemaFingerprints()
    /// Schema pairs waiting to be compared, breadth first (see `compareSchemas`).
    var schemaQueue: [QueuedComparison] = []
    var isComparingSchemas = false

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
        if let unstableLevel, finding.level > .info {
            finding.level = .info
            finding.notes.append(
                Diagnostic.Note("the operation is 'x-stability-level: \(unstableLevel)', so it may break freely"))
        }
        findings.append(finding)
    }

    /// The root servers' base path: the first server's, which the gateway and generated clients use.
    mutating func compareServers() {
        let before = base.model.servers.first?.basePath ?? ""
        let after = revision.model.servers.first?.basePath ?? ""
        guard before != after else { return }
        let pointer = JSONPointer.root.appending("servers").appending(0).appending("url")
        report(
            DiffRules.serverBasePathChanged,
            "the servers' base path changed from '\(before.isEmpty ? "/" : before)' to '\(after.isEmpty ? "/" : after)'",
            at: revision.place(revision.document.rootAddress(pointer)),
            note: "the base had '\(base.model.servers.first?.url ?? "/")'",
            noteAt: base.place(base.document.rootAddress(pointer))
        )
    }
}
