/// Every scheme a security requirement names must be defined under `components/securitySchemes`.
struct UndefinedSecuritySchemeRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        let defined = Set(model.document.root["components"]?["securitySchemes"]?.objectValue?.keys ?? [])
        var lists: [[SecurityRequirement]] = []
        if let root = model.security { lists.append(root) }
        for operation in model.operations + model.webhooks where operation.declaresSecurity {
            lists.append(operation.security ?? [])
        }
        var diagnostics: [Diagnostic] = []
        for requirement in lists.joined() {
            for entry in requirement.schemes where !defined.contains(entry.scheme) {
                let address = requirement.address.appending(entry.scheme)
                let known =
                    defined.isEmpty
                    ? "none are defined" : "defined: " + defined.sorted().map { "'\($0)'" }.joined(separator: ", ")
                diagnostics.append(
                    Diagnostic(
                        .undefinedSecurityScheme,
                        "security requirement names undefined scheme '\(entry.scheme)' (\(known))",
                        at: model.document.location(of: address, key: true),
                        pointer: address.pointer
                    )
                )
            }
        }
        return diagnostics
    }
}
