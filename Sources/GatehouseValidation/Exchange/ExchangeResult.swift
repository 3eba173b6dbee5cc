public import GatehouseJSON
public import GatehouseSpec

/// What validating one recorded exchange found.
public struct ExchangeResult: Sendable, Hashable {
    /// Which side of the exchange an issue is on.
    public enum Part: String, Sendable, Hashable {
        case request
        case response
    }

    public struct Finding: Sendable, Hashable {
        public var part: Part
        public var issue: ValidationIssue
    }

    public var index: Int
    /// Where the exchange is in the traffic file.
    public var location: SourceLocation
    public var method: String
    /// The request path without query, as recorded.
    public var path: String
    /// The operation the exchange matched; nil when no route matched.
    public var operationId: String?
    public var findings: [Finding]
    /// The request had a body the record left out, so its bytes were not checked (its media type was).
    public var requestBodyNotChecked = false
    /// The response had a body the record left out, so it was not checked (its status and headers were).
    public var responseBodyNotChecked = false

    public var isValid: Bool { findings.isEmpty }
}
