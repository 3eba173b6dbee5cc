/// Where API Gateway takes an API key from (`x-amazon-apigateway-api-key-source` at the root).
public enum APIKeySource: String, Sendable, Hashable, CaseIterable {
    public static let extensionName = "x-amazon-apigateway-api-key-source"

    /// The `x-api-key` header, the default.
    case header = "HEADER"
    /// A Lambda authorizer's `usageIdentifierKey`.
    case authorizer = "AUTHORIZER"
}
