import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseValidation

extension GatewayResponder {
    /// The handler step: the mock engine answers (a registered Swift implementation will come first, when there is
    /// one).
    func mockAnswer(
        _ operation: GatehouseSpec.Operation,
        captures: [String: String],
        query: String,
        headers: [HeaderField],
        requestId: String,
        state: GatewayState
    ) -> GatewayAnswer {
        let accept = Self.joined(headers, "Accept")
        let prefer = Self.joined(headers, "Prefer")
        var context = MockRequestContext()
        if state.mocks.usesRequestContext(operation) {
            context = MockRequestContext(
                contentType: headers.value(for: "Content-Type"),
                requestId: requestId,
                pathParameters: captures.mapValues { $0.removingPercentEncoding ?? $0 },
                queryParameters: Self.firstQueryValues(query),
                headers: headers
            )
        }
        let response = state.mocks.respond(to: operation, accept: accept, prefer: prefer, context: context).response
        return GatewayAnswer(
            status: response.status,
            headers: response.headers.map { ($0.name, $0.value) },
            body: response.body,
            operationId: operation.id
        )
    }

    /// Every field of a header joined with `, `, as HTTP allows for list-valued headers; nil when absent.
    static func joined(_ headers: [HeaderField], _ name: String) -> String? {
        let values = headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// The first value of each query parameter, decoded (`+` is a space).
    static func firstQueryValues(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let name = decode(parts[0])
            if result[name] == nil { result[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return result
    }
}
