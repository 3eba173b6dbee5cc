/// What the gateway extensions say about one operation, read once when the model is built.
public struct OperationGateway: Sendable, Hashable {
    /// The table the operation maps onto for stateful mocks: its `x-gatehouse-table`, else its REST shape's.
    public var table: ResourceMapping?
    /// `x-amazon-apigateway-api-key-required: true`: an API key is needed on top of the operation's security.
    public var apiKeyRequired: Bool
    /// The request validator that applies (`x-amazon-apigateway-request-validator` of the operation, else of the
    /// root); nil when none is named or the name is not declared: then every request is validated.
    public var requestValidator: APIGatewayRequestValidator?
    /// The operation's `x-amazon-apigateway-integration`.
    public var integration: APIGatewayIntegration?
    /// `x-gatehouse-upstream: mock`: the operation is answered by its mock even when `serve --upstream` forwards
    /// the others.
    public var staysOnMock: Bool = false
    /// The operation's security resolved: alternatives (OR) of credentials (AND), with the key of `apiKeyRequired`
    /// in each; an empty alternative allows anonymous calls. Nil when no security applies.
    public var credentials: [[SecurityCredential]]?

    public init(
        table: ResourceMapping? = nil, apiKeyRequired: Bool = false,
        requestValidator: APIGatewayRequestValidator? = nil, integration: APIGatewayIntegration? = nil,
        credentials: [[SecurityCredential]]? = nil
    ) {
        self.table = table
        self.apiKeyRequired = apiKeyRequired
        self.requestValidator = requestValidator
        self.integration = integration
        self.credentials = credentials
    }

    public static let apiKeyRequiredName = "x-amazon-apigateway-api-key-required"
    public static let tableName = "x-gatehouse-table"
    public static let upstreamName = "x-gatehouse-upstream"

    /// True when a caller may present an API key: one of the alternatives names one.
    public var takesAPIKey: Bool {
        credentials?.contains { $0.contains(where: \.isAPIKey) } ?? false
    }
}
