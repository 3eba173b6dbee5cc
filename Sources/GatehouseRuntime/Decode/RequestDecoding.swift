import GatehouseValidation

/// Reads one operation's request once: parameters by style, the body by media type, the issues within a scope.
///
/// `OperationRequestPlan` (GatehouseValidation) is the implementation; the protocol lets a test count the reads.
protocol RequestDecoding: Sendable {
    /// Whether parameters come from headers or cookies; when not, only `Content-Type` is handed over.
    var readsHeaders: Bool { get }
    func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?) -> DecodedRequest
    /// `decode(_:scope:)`, told whether anything later reads the body's value; when nothing does, a valid JSON body
    /// may be checked without being kept.
    func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?, keepingBody: Bool)
        -> DecodedRequest
}

extension RequestDecoding {
    func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?, keepingBody: Bool)
        -> DecodedRequest
    {
        decode(request, scope: scope)
    }
}

extension OperationRequestPlan: RequestDecoding {}
