import GatehouseJSON

/// A document without paths serves and generates nothing; usually a mistake outside a shared components file.
struct EmptyPathsRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        guard model.pathItems.isEmpty, model.webhooks.isEmpty else { return [] }
        let paths = model.document.rootAddress(JSONPointer.root.appending("paths"))
        let hasPaths = model.document.value(at: paths) != nil
        let address = hasPaths ? paths : model.document.rootAddress()
        return [
            Diagnostic(
                .emptyPaths,
                "the document declares no paths",
                at: model.document.location(of: address, key: hasPaths),
                pointer: address.pointer
            )
        ]
    }
}
