/// The respond stage of one operation: its responders in order (handler, stateful table, mock); the last one, the
/// mock, always answers.
struct RespondStage: Sendable {
    let responders: [any OperationResponder]
    let mock: MockResponder

    /// The answer and who gave it.
    func respond(to exchange: GatewayExchange) async -> (answer: GatewayAnswer, source: String) {
        for responder in responders {
            if let answer = await responder.respond(to: exchange) { return (answer, responder.source) }
        }
        return (mock.answer(exchange), mock.source)
    }
}
