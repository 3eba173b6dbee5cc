package import GatehouseValidation

/// What else of a request a mock answer may use, beyond `Accept` and `Prefer`.
///
/// Only operations with an `x-amazon-apigateway-integration` of type `mock` read the parameters, the request id and
/// the content type (for `$input.params('name')`, `$context.requestId` and the choice of request template); a
/// server may leave them empty for the others (`MockEngine.usesRequestContext(_:)` says which).
package struct MockRequestContext: Sendable, Hashable {
    /// The request's `Content-Type`, which picks the integration's request template.
    package var contentType: String?
    /// The request id the server logs and echoes (`X-Request-Id`).
    package var requestId: String?
    /// Path parameters by name, decoded.
    package var pathParameters: [String: String]
    /// Query parameters by name (the first value of each), decoded.
    package var queryParameters: [String: String]
    /// Request headers, looked up case-insensitively.
    package var headers: [HeaderField]
    /// Makes `Prefer: dynamic=true` answers reproducible; nil draws a fresh seed per request.
    package var seed: UInt64?

    package init(
        contentType: String? = nil, requestId: String? = nil, pathParameters: [String: String] = [:],
        queryParameters: [String: String] = [:], headers: [HeaderField] = [], seed: UInt64? = nil
    ) {
        self.contentType = contentType
        self.requestId = requestId
        self.pathParameters = pathParameters
        self.queryParameters = queryParameters
        self.headers = headers
        self.seed = seed
    }

    /// `$input.params('name')` as API Gateway resolves it: path, then query string, then headers.
    func parameter(_ name: String) -> String? {
        pathParameters[name] ?? queryParameters[name] ?? headers.value(for: name)
    }
}
