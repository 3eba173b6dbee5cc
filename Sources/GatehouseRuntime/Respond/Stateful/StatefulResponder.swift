import Foundation
import GatehouseJSON
import GatehouseSpec
import Logging

/// Answers an operation that maps onto a table (`ResourceMapping`) from the store: the contract's success answer
/// (status, headers) with the stored item in place of the example. The item is built from the decoded request and
/// the example value prepared with the mock answers; nothing is parsed again.
struct StatefulResponder: OperationResponder {
    let tables: StatefulMocks
    let operation: StatefulOperation
    let plan: MockOperationPlan
    let logger: Logger

    var source: String { "mock" }

    func respond(to exchange: GatewayExchange) async -> GatewayAnswer? {
        let headers = exchange.headers
        // A client that asks for a specific mock with `Prefer` gets the contract's answer, not the table's.
        guard headers[.prefer] == nil else { return nil }
        let accept = headers.joined(.accept)
        guard let (success, value) = plan.successAnswer(accept: accept), (200...299).contains(success.status) else {
            return nil
        }
        let operationId = operation.operationId
        let request = StatefulRequest(
            mapping: operation.mapping,
            paging: operation.paging,
            integerIds: operation.integerIds,
            captures: exchange.captures.mapValues { $0.percentDecoded },
            query: QueryString.firstValues(exchange.query),
            body: exchange.decoded.body?.objectValue,
            example: Self.isJSON(success) ? value : nil,
            required: operation.required,
            clearedWhenOmitted: operation.clearedWhenOmitted,
            path: exchange.path,
            declared: { [plan] status in
                guard let (response, value) = plan.declaredAnswer(status, accept: accept) else { return nil }
                return (GatewayAnswer(response, operationId: operationId), Self.isJSON(response) ? value : nil)
            }
        )
        return await tables.answer(request, base: GatewayAnswer(success, operationId: operationId), logger: logger)
    }

    /// Whether the answer's body is JSON, so its example value is the body (a stored item replaces it).
    static func isJSON(_ response: MockResponse) -> Bool {
        guard let type = response.header("Content-Type") else { return false }
        return MediaTypeName(type)?.isJSON == true
    }
}
