import GatehouseSpec

/// Everything the gateway needs to answer one route, built once when the contract is loaded (and again on a
/// reload): the operation's stages in the order a request meets them, each holding what it prepared for this
/// operation (its security requirement, its plan scope, its body limit, its decoders and compiled schemas, its
/// responders, its response check).
///
/// A class, so a request holds it with one reference count rather than copying every stage.
final class CompiledOperation: Sendable {
    let operation: Operation
    let authenticate: AuthenticateStage
    let meter: MeterStage
    let limit: LimitStage
    let decode: DecodeStage
    let respond: RespondStage
    /// Present with `--validate-responses`, and for an operation forwarded to a backend.
    let checkResponse: ResponseCheckStage?
    /// Present with `--record`.
    let record: RecordStage?
    /// The gateway's own errors in the shapes the contract documents.
    let errors: OperationErrorShapes
    let metrics: OperationMetrics

    init(
        operation: Operation, authenticate: AuthenticateStage, meter: MeterStage, limit: LimitStage,
        decode: DecodeStage, respond: RespondStage, checkResponse: ResponseCheckStage?, record: RecordStage?,
        errors: OperationErrorShapes, metrics: OperationMetrics
    ) {
        self.operation = operation
        self.authenticate = authenticate
        self.meter = meter
        self.limit = limit
        self.decode = decode
        self.respond = respond
        self.checkResponse = checkResponse
        self.record = record
        self.errors = errors
        self.metrics = metrics
    }

    var id: String { operation.id }
}
