/// One step of the request path that may end it: route, authenticate, meter, limit, decode.
///
/// A stage reads the exchange and adds what it found (the operation, the caller, the body, the decoded request);
/// returning an answer ends the request there (a 404, a 401, a 429, a 413, a 400), returning nil passes it on.
/// Stages are plain values built when a contract is loaded, one set per operation, so the chain in
/// `GatewayPipeline` costs no dynamic dispatch and no per-request lookup.
protocol GatewayStage: Sendable {
    func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer?
}
