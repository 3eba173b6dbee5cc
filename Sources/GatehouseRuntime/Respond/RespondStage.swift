/// The respond stage of one operation: its responders in order (handler, stateful table), then the one that always
/// answers (the mock).
struct RespondStage: Sendable {
    let responders: [any OperationResponder]
    /// Answers whatever the others leave: the contract's mock answer.
    let fallback: any OperationResponder
    /// Whether every responder answers within a bounded time (`OperationResponder.answersPromptly`).
    let answersPromptly: Bool

    init(responders: [any OperationResponder], fallback: any OperationResponder) {
        self.responders = responders
        self.fallback = fallback
        self.answersPromptly = fallback.answersPromptly && responders.allSatisfy(\.answersPromptly)
    }

    /// The answer and who gave it.
    nonisolated(nonsending) func respond(to exchange: GatewayExchange) async -> (answer: GatewayAnswer, source: String)
    {
        for responder in responders {
            if let answer = await responder.respond(to: exchange) { return (answer, responder.source) }
        }
        let answer =
            await fallback.respond(to: exchange)
            ?? GatewayAnswer(
                Problem(status: 500, title: "Internal Server Error", detail: "no responder answered the request"))
        return (answer, fallback.source)
    }
}
