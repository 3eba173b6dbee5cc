import GatehouseSpec
import GatehouseValidation
import HTTPTypes
import Logging

/// The response check of one operation (`--validate-responses`, and every backend answer under `--upstream`): the
/// answer's status, headers and body against the operation's declared responses. A violation is logged (operation,
/// status, who answered, every error with its location), counted, and reported to the client in a
/// `Gatehouse-Contract-Violation` header (the count and the first error, under 1 KB); with `--strict-responses` a
/// backend's violating answer becomes a 502 problem instead.
struct ResponseCheckStage: Sendable {
    let operation: Operation
    let validator: ResponseValidator
    let metrics: OperationMetrics
    let logger: Logger
    /// Whether answers of `source` are checked: mock and handler answers only with `--validate-responses`.
    var checksOwnAnswers = true
    /// `--strict-responses`: a backend answer that breaks the contract is not passed on.
    var strictUpstream = false

    /// `answer` as sent; `source` names who answered (`mock`, `handler` or `upstream`) in the log line.
    func check(_ answer: GatewayAnswer, from source: String) -> GatewayAnswer {
        let fromBackend = source == UpstreamResponder.sourceName
        guard fromBackend || checksOwnAnswers else { return answer }
        var issues = validator.validate(
            status: answer.status,
            headers: answer.headers.headerFields,
            body: answer.body.isEmpty ? nil : answer.body,
            for: operation
        )
        // A streamed body is not held, so only its status, headers and media type are checked.
        if answer.stream != nil { issues.removeAll { $0.location.hasPrefix("body") && $0.keyword != "content-type" } }
        guard !issues.isEmpty else { return answer }
        metrics.recordValidationFailure(part: "response")
        logger.warning(
            "response breaks the contract",
            metadata: [
                "operation": .string(operation.id), "status": .stringConvertible(answer.status),
                "source": .string(source), "violations": .array(issues.map { .string($0.description) }),
            ]
        )
        if fromBackend, strictUpstream {
            return GatewayAnswer(
                Problem(
                    status: 502, title: "Bad Gateway",
                    detail: "the backend's answer breaks the contract of '\(operation.id)': "
                        + ContractViolationHeader.value(issues),
                    type: "https://gatehouse.dev/problems/response-validation", issues: issues),
                operationId: operation.id)
        }
        var checked = answer
        checked.headers.append(HTTPField(name: .contractViolation, value: ContractViolationHeader.value(issues)))
        return checked
    }
}
