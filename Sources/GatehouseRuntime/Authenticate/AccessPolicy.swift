import GatehouseJSON
import GatehouseSpec

/// What each operation of a contract asks of a caller, as the API model resolved it (`Operation.gateway.credentials`):
/// its security requirements as alternatives (OR) of credentials (AND), the managed-gateway API-key flag folded in,
/// and the usage plans.
struct AccessPolicy: Sendable {
    /// One credential a requirement names (resolved by the front end, shared with the lint).
    typealias Credential = SecurityCredential

    /// Per operation index: the alternatives, each a list of credentials that must all be presented; an empty
    /// alternative allows anonymous calls. Nil when no security applies.
    let requirements: [[[Credential]]?]
    let plans: UsagePlans
    /// Query parameters that carry keys, lowercased, whose values the access log hides.
    let secretQueryNames: Set<String>

    /// The header of `x-amazon-apigateway-api-key-source: HEADER` and of the `x-api-key` convention.
    static let gatewayKeyHeader = SecurityCredential.gatewayKeyHeader
    /// Query parameter names hidden from logs even when no scheme declares them.
    static let wellKnownSecretQueryNames: Set<String> = [
        "api_key", "apikey", "api-key", "x-api-key", "key", "access_token", "token",
    ]

    init(model: APIModel, plans: UsagePlans) {
        self.plans = plans
        var secretNames = Self.wellKnownSecretQueryNames
        for scheme in model.securitySchemes {
            if case .apiKey(let name, .query) = scheme.kind { secretNames.insert(name.lowercased()) }
        }
        self.secretQueryNames = secretNames
        self.requirements = model.operations.map(\.gateway.credentials)
    }
}
