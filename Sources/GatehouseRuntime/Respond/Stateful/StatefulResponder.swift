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
    /// The store's operations have time limits of their own (SQLite's busy timeout, PostgreSQL's connection and
    /// statement limits).
    var answersPromptly: Bool { true }

    nonisolated(nonsending) func respond(to exchange: GatewayExchange) async -> GatewayAnswer? {
        let headers = exchange.headers
        // A client that asks for a specific mock with `Prefer` gets the contract's answer, not the table's.
        guard !headers.contains(.prefer) else { return nil }
        let accept = headers.joined(.accept)
        guard let (success, value) = plan.successAnswer(accept: accept), (200...299).contains(success.status) else {
            return nil
        }
        let operationId = operation.operationId
        let decoded = exchange.decoded
        var request = StatefulRequest(
            operation: operation,
            captures: exchange.captures.mapValues { $0.percentDecoded },
            query: QueryString.firstValues(exchange.query),
            body: decoded.body?.objectValue,
            bodyArray: decoded.body?.arrayValue,
            example: success.isJSON ? value : nil,
            path: exchange.path,
            declared: { [plan] status in
                guard let (response, value) = plan.declaredAnswer(status, accept: accept) else { return nil }
                return (GatewayAnswer(response, operationId: operationId), response.isJSON ? value : nil)
            }
        )
        // Without a body, the item's fields come from the query (`POST /pet/{petId}?name=x&status=sold`).
        let fields = operation.fields
        if request.body == nil, request.bodyArray == nil, !fields.isEmpty, operation.table.kind != .filter {
            var object = JSONObject()
            for name in fields.sorted() {
                if let value = decoded.parameters[ParameterIdentity(name: name, location: .query)] {
                    object[name] = value
                }
            }
            if !object.isEmpty {
                request.body = object
                request.fieldsPart = "query parameter"
            }
        }
        for filter in operation.table.filters {
            guard let value = decoded.parameters[ParameterIdentity(name: filter.parameter, location: .query)] else {
                continue
            }
            // Only values that name a property's value (not `created[gt]=…` ranges) filter.
            let values = (value.arrayValue ?? [value]).filter {
                $0.stringValue != nil || $0.numberValue != nil || $0.boolValue != nil
            }
            if !values.isEmpty { request.filterValues[filter.parameter] = values.map(MockTables.text) }
        }
        let base = GatewayAnswer(success, operationId: operationId)
        guard let answer = await tables.answer(request, base: base, logger: logger) else { return nil }
        // A stored item cannot be written as XML or text: the table still changes, and a success is answered with
        // the contract's example in the media type the client asked for.
        if !success.body.isEmpty, !success.isJSON, (200...299).contains(answer.status) { return base }
        return answer
    }
}
