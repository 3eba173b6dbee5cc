/// Two templates that differ only in parameter names (`/a/{x}`, `/a/{y}`) match the same requests; the
/// specification calls them identical and invalid.
struct PathCollisionRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        var first: [String: PathItem] = [:]
        var diagnostics: [Diagnostic] = []
        for item in model.pathItems where item.path.problem == nil {
            let shape = item.path.shape
            guard let earlier = first[shape] else {
                first[shape] = item
                continue
            }
            diagnostics.append(
                Diagnostic(
                    .pathCollision,
                    "path '\(item.path)' collides with '\(earlier.path)': templates that differ only in parameter names match the same requests",
                    at: model.document.location(of: item.keyAddress, key: true),
                    pointer: item.keyAddress.pointer,
                    notes: [
                        Diagnostic.Note(
                            "'\(earlier.path)' is here", at: model.document.location(of: earlier.keyAddress, key: true))
                    ]
                )
            )
        }
        return diagnostics
    }
}
