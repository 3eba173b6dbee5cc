/// One credential a security requirement asks a caller for, resolved from its scheme as the gateway checks it.
///
/// An operation's requirement is resolved into alternatives (OR) of credentials (AND), with
/// `x-amazon-apigateway-api-key-required` folded in (`OperationGateway.credentials`); the runtime enforces it and
/// the lint predicts the gateway's answers from it.
public enum SecurityCredential: Sendable, Hashable {
    /// An API key looked up in the key store.
    case apiKey(name: String, location: ParameterLocation)
    /// `Authorization: Bearer <token>`; a JWT verified when a verifier is configured (also oauth2 and
    /// openIdConnect schemes).
    case bearer(scheme: String)
    /// `Authorization: Basic <base64 user:password>`, format checked.
    case basic(scheme: String)
    /// A scheme the gateway cannot check (mutual TLS, an undeclared name): never satisfied.
    case unsupported(scheme: String)

    /// The header of `x-amazon-apigateway-api-key-source: HEADER` and of the `x-api-key` convention.
    public static let gatewayKeyHeader = "x-api-key"

    /// The key `x-amazon-apigateway-api-key-required` asks for.
    public static let gatewayKey = SecurityCredential.apiKey(name: gatewayKeyHeader, location: .header)

    /// The credential a scheme named in a requirement asks for.
    public init(scheme schemeName: String, in schemes: [SecurityScheme]) {
        guard let scheme = schemes.first(where: { $0.name == schemeName }) else {
            self = .unsupported(scheme: schemeName)
            return
        }
        switch scheme.kind {
        case .apiKey(let name, let location):
            self = location == .path ? .unsupported(scheme: schemeName) : .apiKey(name: name, location: location)
        case .http(let httpScheme, _):
            switch httpScheme.lowercased() {
            case "bearer": self = .bearer(scheme: schemeName)
            case "basic": self = .basic(scheme: schemeName)
            default: self = .unsupported(scheme: schemeName)
            }
        case .oauth2, .openIdConnect:
            self = .bearer(scheme: schemeName)
        case .mutualTLS:
            self = .unsupported(scheme: schemeName)
        }
    }

    /// The alternatives (OR), each a list of credentials that must all be presented, of an operation's security,
    /// with the managed-gateway key on top of each when `apiKeyRequired`; an empty alternative allows anonymous
    /// calls. Nil when no security applies.
    public static func alternatives(
        of security: [SecurityRequirement]?, apiKeyRequired: Bool, schemes: [SecurityScheme]
    ) -> [[SecurityCredential]]? {
        var alternatives: [[SecurityCredential]]?
        if let security, !security.isEmpty {
            alternatives = security.map { requirement in
                requirement.schemes.map { SecurityCredential(scheme: $0.scheme, in: schemes) }
            }
        }
        if apiKeyRequired {
            alternatives = (alternatives ?? [[]]).map { $0.contains(gatewayKey) ? $0 : $0 + [gatewayKey] }
        }
        return alternatives
    }

    public var isAPIKey: Bool {
        if case .apiKey = self { return true }
        return false
    }
}
