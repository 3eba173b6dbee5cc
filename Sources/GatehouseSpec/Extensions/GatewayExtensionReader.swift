import GatehouseJSON

/// Reads the gateway extensions (`x-gatehouse-*`, `x-amazon-apigateway-*`) of a built model into their typed form,
/// once, and reports what is malformed as a compiler would: at the node at fault, with a rule id, every problem of
/// the document at once.
///
/// What `serve` would refuse (unusable usage plans, a malformed seed) is an error; what it ignores is a warning.
struct GatewayExtensionReader {
    let document: SpecDocument
    var diagnostics: [Diagnostic] = []

    init(document: SpecDocument) {
        self.document = document
    }

    /// Stores the typed extensions on `model` (`model.gateway`) and on each of its operations (`gateway`).
    mutating func read(into model: inout APIModel) {
        let root = document.rootAddress()
        var gateway = GatewayExtensions()
        readUsagePlans(model.extensions[UsagePlans.extensionName], at: root, into: &gateway)
        gateway.seeds = readSeeds(model.extensions[GatewaySeed.extensionName], at: root)
        gateway.apiKeySource = readAPIKeySource(model.extensions[APIKeySource.extensionName], at: root)
        gateway.requestValidators = readRequestValidators(
            model.extensions[APIGatewayRequestValidator.declarationsName], at: root)
        gateway.defaultRequestValidator = readValidatorName(model.extensions, at: root, in: gateway)
        for index in model.operations.indices {
            model.operations[index].gateway = readOperation(
                model.operations[index], gateway: gateway, schemes: model.securitySchemes)
        }
        gateway.diagnostics = diagnostics
        model.gateway = gateway
    }

    mutating func readOperation(_ operation: Operation, gateway: GatewayExtensions, schemes: [SecurityScheme])
        -> OperationGateway
    {
        var result = OperationGateway()
        result.table = readTable(operation)
        if let value = operation.extensions[OperationGateway.apiKeyRequiredName] {
            if let flag = value.boolValue {
                result.apiKeyRequired = flag
            } else {
                report(
                    .apiGatewayExtension, "'\(OperationGateway.apiKeyRequiredName)' must be true or false",
                    at: operation.address.appending(OperationGateway.apiKeyRequiredName))
            }
        }
        let validator =
            readValidatorName(operation.extensions, at: operation.address, in: gateway)
            ?? gateway.defaultRequestValidator
        result.requestValidator = validator.flatMap(gateway.requestValidator(named:))
        result.integration = readIntegration(operation)
        result.staysOnMock = readUpstream(operation)
        result.credentials = SecurityCredential.alternatives(
            of: operation.security, apiKeyRequired: result.apiKeyRequired, schemes: schemes)
        return result
    }

    mutating func report(_ rule: Rule, _ message: String, at address: NodeAddress, key: Bool = false) {
        diagnostics.append(
            Diagnostic(rule, message, at: document.location(of: address, key: key), pointer: address.pointer))
    }

    /// `'a', 'b' or 'c'`.
    static func alternatives(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
