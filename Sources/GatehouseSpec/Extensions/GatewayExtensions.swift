/// What the root's gateway extensions say, read once when the model is built (`APIModel.gateway`); each operation's
/// part is `Operation.gateway`.
public struct GatewayExtensions: Sendable {
    /// `x-gatehouse-usage-plans`; empty when absent or unusable.
    public var usagePlans: UsagePlans
    /// Why `x-gatehouse-usage-plans` cannot be used; nil when it can (or is absent).
    public var usagePlansError: UsagePlansError?
    /// The items of `x-gatehouse-seed`, in document order (malformed ones left out).
    public var seeds: [GatewaySeed]
    /// `x-amazon-apigateway-api-key-source`; nil when absent or malformed (API Gateway then reads the header).
    public var apiKeySource: APIKeySource?
    /// The validators `x-amazon-apigateway-request-validators` declares, in document order.
    public var requestValidators: [APIGatewayRequestValidator]
    /// The root's `x-amazon-apigateway-request-validator`: the validator of operations that name none.
    public var defaultRequestValidator: String?
    /// The problems found in the extensions, as the front end reports them.
    public var diagnostics: [Diagnostic]

    public init(
        usagePlans: UsagePlans = UsagePlans(), usagePlansError: UsagePlansError? = nil, seeds: [GatewaySeed] = [],
        apiKeySource: APIKeySource? = nil, requestValidators: [APIGatewayRequestValidator] = [],
        defaultRequestValidator: String? = nil, diagnostics: [Diagnostic] = []
    ) {
        self.usagePlans = usagePlans
        self.usagePlansError = usagePlansError
        self.seeds = seeds
        self.apiKeySource = apiKeySource
        self.requestValidators = requestValidators
        self.defaultRequestValidator = defaultRequestValidator
        self.diagnostics = diagnostics
    }

    public func requestValidator(named name: String) -> APIGatewayRequestValidator? {
        requestValidators.first { $0.name == name }
    }

    /// The tables operations map onto, sorted.
    public static func tables(of operations: [Operation]) -> [String] {
        Set(operations.compactMap { $0.gateway.table?.table }).sorted()
    }
}
