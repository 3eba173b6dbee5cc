public import GatehouseJSON

/// A security scheme from `components/securitySchemes`.
public struct SecurityScheme: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An API key in a header, query parameter or cookie of the given name.
        case apiKey(name: String, location: ParameterLocation)
        /// HTTP authentication: `basic`, `bearer` (lowercased), with an optional bearer format hint.
        case http(scheme: String, bearerFormat: String?)
        /// OAuth 2 flows, kept raw.
        case oauth2(flows: JSONObject)
        case openIdConnect(url: String)
        case mutualTLS
    }

    public var name: String
    public var kind: Kind
    public var description: String?
    public var extensions: JSONObject
    public var address: NodeAddress
}

/// One alternative of a security requirement list: every scheme named must be satisfied (AND). An empty
/// requirement allows anonymous access.
public struct SecurityRequirement: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var scheme: String
        public var scopes: [String]
    }

    public var schemes: [Entry]
    public var address: NodeAddress
}
