/// An `operationId` names one operation: generated clients and server stubs use it as a method name.
struct DuplicateOperationIdRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        var first: [String: Operation] = [:]
        var diagnostics: [Diagnostic] = []
        for operation in model.operations + model.webhooks where operation.hasDeclaredId {
            guard let earlier = first[operation.id] else {
                first[operation.id] = operation
                continue
            }
            let idAddress = operation.address.appending("operationId")
            diagnostics.append(
                Diagnostic(
                    .duplicateOperationId,
                    "operationId '\(operation.id)' of '\(operation.method.rawValue) \(operation.path)' is already used by '\(earlier.method.rawValue) \(earlier.path)'",
                    at: model.document.location(of: idAddress),
                    pointer: idAddress.pointer,
                    notes: [
                        Diagnostic.Note(
                            "first used here",
                            at: model.document.location(of: earlier.address.appending("operationId"))
                        )
                    ]
                )
            )
        }
        return diagnostics
    }
}
