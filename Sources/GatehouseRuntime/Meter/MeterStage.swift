import GatehouseSpec

/// The meter stage of one operation: takes a token from the caller's bucket and counts the call toward its plan's
/// quota, or refuses it (429 with `Retry-After`); the `RateLimit-*` headers travel on to the answer.
struct MeterStage: GatewayStage {
    let meter: UsagePlanMeter
    let operation: Operation
    let plans: UsagePlans

    nonisolated(nonsending) func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer? {
        switch await meter.meter(exchange.caller, operation: operation, plans: plans) {
        case .admitted(let headers):
            exchange.meteringHeaders = headers
            return nil
        case .refused(let refusal):
            return refusal
        }
    }
}
