/// An operation with neither a 2XX nor a `default` response gives clients and mocks no success to expect.
struct NoSuccessResponseRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        model.operations.compactMap { operation in
            guard !operation.responses.contains(where: { $0.status.isSuccess || $0.status == .default }) else {
                return nil
            }
            let responses = operation.address.appending("responses")
            let hasResponses = model.document.value(at: responses) != nil
            let address = hasResponses ? responses : operation.address
            return Diagnostic(
                .noSuccessResponse,
                "operation '\(operation.id)' declares no 2XX or default response",
                at: model.document.location(of: address, key: true),
                pointer: address.pointer
            )
        }
    }
}
