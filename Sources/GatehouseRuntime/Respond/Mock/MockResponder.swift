import Foundation
import GatehouseSpec
import GatehouseValidation
import HTTPTypes

/// Answers from the contract: the operation's prepared mock answers (`MockOperationPlan`), chosen by `Accept` and
/// `Prefer`, or its API Gateway mock integration.
struct MockResponder: OperationResponder {
    let operation: GatehouseSpec.Operation
    let plan: MockOperationPlan

    var source: String { "mock" }
    var answersPromptly: Bool { true }

    nonisolated(nonsending) func respond(to exchange: GatewayExchange) async -> GatewayAnswer? {
        answer(exchange)
    }

    func answer(_ exchange: GatewayExchange) -> GatewayAnswer {
        let headers = exchange.headers
        var context = MockRequestContext()
        if plan.integration != nil {
            context = MockRequestContext(
                contentType: headers.joined(.contentType),
                requestId: exchange.requestId,
                pathParameters: exchange.captures.mapValues { $0.percentDecoded },
                queryParameters: QueryString.firstValues(exchange.query),
                headers: headers.headerFields
            )
        }
        let outcome = plan.respond(accept: headers.joined(.accept), prefer: headers.joined(.prefer), context: context)
        if let problem = outcome.problem { return GatewayAnswer(problem.document, operationId: operation.id) }
        return GatewayAnswer(outcome.response, operationId: operation.id)
    }
}

extension GatewayAnswer {
    /// A mock answer as the gateway sends it; its header fields were made when the answer was prepared.
    init(_ response: MockResponse, operationId: String) {
        self.init(status: response.status, headers: response.fields, body: response.body, operationId: operationId)
    }
}
