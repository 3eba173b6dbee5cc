import GatehouseSpec
import GatehouseJSON

/// What each operation of a contract asks of a caller, resolved once from the API model: its security
/// requirements as alternatives (OR) of credentials (AND), the managed-gateway API-key flag folded in, and the
/// usage plans.
struct AccessPolicy: Sendable {
    /// One credential a requirement names.
    enum Credential: Sendable, Hashable {
        /// An API key looked up in the key store.
        case apiKey(name: String, location: ParameterLocation)
        /// `Authorization: Bearer <token>`; a JWT verified when a verifier is configured (also oauth2 and
        /// openIdConnect schemes).
        case bearer(scheme: String)
        /// `Authorization: Basic <base64 user:password>`, format checked.
        case basic(scheme: String)
        /// A scheme the gateway cannot check (mutual TLS, an undeclared name): never satisfied.
        case unsupported(scheme: String)
    }

    /// Per operation index: the alternatives, each a list of credentials that must all be presented; an empty
    /// alternative allows anonymous calls. Nil when no security applies.
    let requirements: [[[Credential]]?]
    let plans: UsagePlans
    /// Query parameters that carry keys, lowercased, whose values the access log hides.
    let secretQueryNames: Set<String>

    /// The header of `x-amazon-apigateway-api-key-source: HEADER` and of the `x-api-key` convention.
    static let gatewayKeyHeader = "x-api-key"
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
        self.requirements = model.operations.map { operation in
            Self.requirements(of: operation, in: model)
        }
    }

    static func requirements(of operation: Operation, in model: APIModel) -> [[Credential]]? {
        var alternatives: [[Credential]]?
        if let security = operation.security, !security.isEmpty {
            alternatives = security.map { requirement in
                requirement.schemes.map { credential(for: $0.scheme, in: model) }
            }
        }
        // The managed-gateway flag: the API key is required on top of whatever else the operation asks for.
        if operation.extensions["x-amazon-apigateway-api-key-required"]?.boolValue == true {
            let key = Credential.apiKey(name: gatewayKeyHeader, location: .header)
            alternatives = (alternatives ?? [[]]).map { $0.contains(key) ? $0 : $0 + [key] }
        }
        return alternatives
    }

    static func credential(for schemeName: String, in model: APIModel) -> Credential {
        guard let scheme = model.securityScheme(named: schemeName) else { return .unsupported(scheme: schemeName) }
        switch scheme.kind {
        case .apiKey(let name, let location):
            return location == .path ? .unsupported(scheme: schemeName) : .apiKey(name: name, location: location)
        case .http(let httpScheme, _):
            switch httpScheme.lowercased() {
            case "bearer": return .bearer(scheme: schemeName)
            case "basic": return .basic(scheme: schemeName)
            default: return .unsupported(scheme: schemeName)
            }
        case .oauth2, .openIdConnect:
            return .bearer(scheme: schemeName)
        case .mutualTLS:
            return .unsupported(scheme: schemeName)
        }
    }
}
