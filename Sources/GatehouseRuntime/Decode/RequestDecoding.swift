import GatehouseValidation

/// Reads one operation's request once: parameters by style, the body by media type, the issues within a scope.
///
/// `OperationRequestPlan` (GatehouseValidation) is the implementation; the protocol lets a test count the reads.
protocol RequestDecoding: Sendable {
    /// Whether parameters come from headers or cookies; when not, only `Content-Type` is handed over.
    var readsHeaders: Bool { get }
    func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?) -> DecodedRequest
}

extension OperationRequestPlan: RequestDecoding {}
