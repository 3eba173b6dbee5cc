/// What answers a request of one operation once it has passed the stages before: a registered Swift handler, a
/// table of the store, or the contract's mock answer. Each is built once per operation when the contract is
/// loaded, and reads the request as the decode stage left it (no responder parses the body again).
protocol OperationResponder: Sendable {
    /// Who answers, for the response check's log line: `handler` or `mock`.
    var source: String { get }

    /// Whether its answer comes within a bounded time on its own: the mocks (the contract's, and the store's, whose
    /// operations have limits of their own). A registered handler or a backend may take any time, so a request with
    /// a body they answer runs under the request timeout's task (`RequestDeadlines`).
    var answersPromptly: Bool { get }

    /// The answer, or nil to leave the request to the next responder (a handler that falls back to the mock, a
    /// stateful mock asked for a specific example with `Prefer`).
    nonisolated(nonsending) func respond(to exchange: GatewayExchange) async -> GatewayAnswer?
}

extension OperationResponder {
    var answersPromptly: Bool { false }
}
