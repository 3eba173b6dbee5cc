public import GatehouseJSON

/// Who an authenticated request comes from, as a handler sees it (`HandlerContext.principal`): the API key it
/// presented (also as basic credentials), or its bearer token's claims. An anonymous request has none.
public enum Principal: Sendable, Hashable {
    /// A key of the store (`gatehouse keys create NAME --plan PLAN`): its name and its usage plan (nil: the
    /// default plan).
    case apiKey(name: String, plan: String?)
    /// A bearer token: its claims (the JWT's payload) when the gateway verified it (`--jwt-hs256-secret-file`,
    /// `--jwks`); nil when it only checked that one was sent.
    case bearer(claims: JSONObject?)

    /// The key's name, or the token's subject (`sub`).
    public var name: String? {
        switch self {
        case .apiKey(let name, _): return name
        case .bearer(let claims): return claims?["sub"]?.stringValue
        }
    }

    /// The key's usage plan; nil for a token, or for a key on the default plan.
    public var plan: String? {
        if case .apiKey(_, let plan) = self { return plan }
        return nil
    }
}
