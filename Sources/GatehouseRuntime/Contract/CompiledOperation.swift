import GatehouseSpec

/// Everything the gateway needs to answer one route, built once when the contract is loaded (and again on a
/// reload): the operation's stages in the order a request meets them, each holding what it prepared for this
/// operation (its security requirement, its plan scope, its body limit, its decoders and compiled schemas, its
/// responders, its response check).
struct CompiledOperation: Sendable {
    let operation: Operation
    let authenticate: AuthenticateStage
    let meter: MeterStage
    let limit: LimitStage
    let decode: DecodeStage
    let respond: RespondStage
    /// Present with `--validate-responses`.
    let checkResponse: ResponseCheckStage?
    let metrics: OperationMetrics

    var id: String { operation.id }
}
