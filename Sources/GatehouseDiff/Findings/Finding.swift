public import GatehouseJSON
public import GatehouseSpec

/// One change between the base and the revision of a contract, located in the revision (in the base for what was
/// removed) with a note at the other side.
public struct Finding: Sendable, Hashable {
    public var rule: Rule
    /// The rule's level, or lower when a policy demoted it (an operation that is `x-stability-level: alpha`).
    public var level: Diagnostic.Severity
    /// Lowercase first word, names in single quotes, no trailing period.
    public var message: String
    /// The operation the change belongs to; nil for changes to the whole contract (servers, version).
    public var operation: OperationRef?
    /// The other operations a change in a shared schema affects (the finding is reported once, under `operation`).
    public var alsoAffects: [OperationRef] = []
    public var location: SourceLocation
    /// Where in the document (the file of `location`) the change is.
    public var pointer: JSONPointer
    public var notes: [Diagnostic.Note]

    public init(
        _ rule: Rule,
        _ message: String,
        operation: OperationRef?,
        at place: DiffPlace,
        notes: [Diagnostic.Note] = []
    ) {
        self.rule = rule
        self.level = rule.defaultSeverity
        self.message = message
        self.operation = operation
        self.location = place.location
        self.pointer = place.pointer
        self.notes = notes
    }

    /// The finding as a diagnostic, for the renderers `check` uses.
    public var diagnostic: Diagnostic {
        Diagnostic(level, rule: rule.id, message, at: location, pointer: pointer, notes: notes)
    }
}
