/// A check over the API model that needs more than one object's structure to decide (cross-references, templates,
/// uniqueness).
protocol LintRule: Sendable {
    func check(_ model: APIModel) -> [Diagnostic]
}

/// The lint rules `gatehouse check` runs, in the order their diagnostics are produced.
enum LintRules {
    static let all: [any LintRule] = [
        PathParametersRule(),
        DuplicateOperationIdRule(),
        PathCollisionRule(),
        UndefinedSecuritySchemeRule(),
        NoSuccessResponseRule(),
        MediaTypeRule(),
        EmptyPathsRule(),
        SeedTableRule(),
    ]
}
