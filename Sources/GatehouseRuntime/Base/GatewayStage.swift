/// One step of the request path that may end it: route, authenticate, meter, limit, decode.
///
/// A stage reads the exchange and adds what it found (the operation, the caller, the body, the decoded request);
/// returning an answer ends the request there (a 404, a 401, a 429, a 413, a 400), returning nil passes it on.
/// Stages are plain values built when a contract is loaded, one set per operation, so the chain in
/// `GatewayPipeline` costs no dynamic dispatch and no per-request lookup.
///
/// The request path's own async functions (the stages, the responders, the stored mocks, the SQLite store's write
/// path) are `nonisolated(nonsending)`: they run where their caller runs. Plain `nonisolated async` functions hop
/// to the global executor on every call, and where `serve` runs Swift concurrency's jobs on the event loops
/// (`GatewayExecutor`) each hop is a job queued on the loop: a stored create made about 95 of them. Without the
/// hops of its own functions a create and a GET cost 7–8 % less of the server's CPU (bench/README.md, issue 14).
/// They are marked one by one rather than by the `NonisolatedNonsendingByDefault` feature, which also changes
/// the public handler type that generated servers, built without it, link against.
protocol GatewayStage: Sendable {
    nonisolated(nonsending) func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer?
}
