import GatehouseSpec
import GatehouseValidation
import HTTPTypes
import Logging

/// The response check of one operation (`--validate-responses`): the answer's status, headers and body against the
/// operation's declared responses. A violation is logged (operation, status, who answered, every error), counted,
/// and reported to the client in a `Gatehouse-Contract-Violation` header: the first error and how many more.
struct ResponseCheckStage: Sendable {
    let operation: Operation
    let validator: ResponseValidator
    let metrics: OperationMetrics
    let logger: Logger

    /// `answer` as sent; `source` names who answered (`mock` or `handler`) in the log line.
    func check(_ answer: GatewayAnswer, from source: String) -> GatewayAnswer {
        let issues = validator.validate(
            status: answer.status,
            headers: answer.headers.headerFields,
            body: answer.body.isEmpty ? nil : answer.body,
            for: operation
        )
        guard let first = issues.first else { return answer }
        metrics.recordValidationFailure(part: "response")
        logger.warning(
            "response breaks the contract",
            metadata: [
                "operation": .string(operation.id), "status": .stringConvertible(answer.status),
                "source": .string(source), "violations": .array(issues.map { .string($0.description) }),
            ]
        )
        let more = issues.count > 1 ? " (and \(issues.count - 1) more)" : ""
        var checked = answer
        checked.headers.append(HTTPField(name: .contractViolation, value: (first.description + more).headerSafe))
        return checked
    }
}
