import GatehouseSpec
import GatehouseValidation
import Logging

/// The decode stage of one operation: reads the parameters and the body once into `DecodedRequest`, which travels
/// on to the responder, and refuses a request that breaks the contract within the operation's validation scope
/// (400 listing every issue; 415 for a media type the operation does not take; 413 for a body over the limit).
/// With `--report-only` (an operation forwarded to a backend), such a request is logged, counted and passed on.
struct DecodeStage: GatewayStage {
    let operation: Operation
    let decoding: any RequestDecoding
    /// What is checked (the contract's `x-amazon-apigateway-request-validator` can narrow it); nil checks nothing.
    let scope: RequestValidator.Scope?
    let metrics: OperationMetrics
    /// Whether a later stage reads the decoded body (a handler, a stateful table); when none does (the answer comes
    /// from the contract's examples), a valid JSON body is checked in one pass over its bytes and not kept.
    var keepsBody = true
    /// `--report-only`: the issues are logged and counted, and the request goes on.
    var reportsOnly = false
    var logger: Logger?

    nonisolated(nonsending) func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer? {
        exchange.decoded = decoding.decode(
            RequestValidator.Request(
                pathCaptures: exchange.captures,
                query: exchange.query,
                headers: decoding.readsHeaders ? exchange.headers.headerFields : contentType(exchange),
                // A streamed body is not held: a one-byte stand-in tells the validator it is there, so its media type
                // is checked (its bytes are not looked into for the media types that stream).
                body: exchange.body ?? (exchange.bodyStream == nil ? nil : [0])
            ),
            scope: scope,
            keepingBody: keepsBody
        )
        let issues = exchange.decoded.issues
        guard !issues.isEmpty else { return nil }
        metrics.recordValidationFailure(part: "request")
        if reportsOnly {
            logger?.warning(
                "request breaks the contract; forwarded (--report-only)",
                metadata: [
                    "operation": .string(operation.id), "request_id": .string(exchange.requestId),
                    "violations": .array(issues.map { .string($0.description) }),
                ])
            return nil
        }
        return GatewayAnswer(Self.problem(issues, operation: operation), operationId: operation.id)
    }

    func contentType(_ exchange: GatewayExchange) -> [HeaderField] {
        guard let value = exchange.headers.joined(.contentType) else { return [] }
        return [HeaderField(name: "Content-Type", value: value)]
    }

    static func problem(_ issues: [ValidationIssue], operation: Operation) -> Problem {
        if let mediaType = issues.first(where: { $0.keyword == "content-type" }) {
            return Problem(status: 415, title: "Unsupported Media Type", detail: mediaType.message, issues: issues)
        }
        if let size = issues.first(where: { $0.keyword == "body-size" }) {
            return Problem(status: 413, title: "Content Too Large", detail: size.message, issues: issues)
        }
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return Problem(
            status: 400,
            title: "Bad Request",
            detail: "the request does not match the contract of '\(operation.id)': \(count)",
            type: "https://gatehouse.dev/problems/request-validation",
            issues: issues
        )
    }
}
