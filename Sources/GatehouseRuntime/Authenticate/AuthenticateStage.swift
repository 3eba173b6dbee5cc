import GatehouseSpec

/// The authenticate stage of one operation: checks the credentials its security requirement names and records the
/// caller, or refuses the request (401, 403, a 400 for a smuggled second key, 503 when keys cannot be read).
struct AuthenticateStage: GatewayStage {
    let authenticator: Authenticator
    let operation: Operation
    /// The alternatives (OR) of credentials (AND); nil when nothing is checked (no security, or `--no-auth`).
    let requirement: Authenticator.Requirement?

    nonisolated(nonsending) func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer? {
        guard let requirement else { return nil }
        let presented = PresentedCredentials(headers: exchange.headers, query: exchange.query)
        switch await authenticator.authenticate(presented, requirement: requirement, operation: operation) {
        case .caller(let caller):
            exchange.caller = caller
            return nil
        case .refused(let refusal):
            return refusal
        }
    }
}
