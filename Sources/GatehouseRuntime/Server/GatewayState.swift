public import GatehouseSpec
public import GatehouseJSON
public import GatehouseStore
import GatehouseValidation

/// Everything the gateway derives from one contract, built once and swapped whole when `--watch` reloads the spec:
/// the route table, the validators, the mock engine and each operation's request-validator scope.
///
/// A class so a request takes it with one reference count rather than copying every member.
public final class GatewayState: Sendable {
    public let model: APIModel
    let matcher: RouteMatcher
    let requestValidator: RequestValidator
    let responseValidator: ResponseValidator
    let mocks: MockEngine
    /// Table-backed answers for the operations that map onto a table; nil when serving stateless.
    let stateful: StatefulMocks?
    /// Per operation index: what request validation checks (`x-amazon-apigateway-request-validator`).
    let scopes: [RequestValidator.Scope?]
    /// The base path routes sit under.
    public let basePath: String
    /// Each operation's security requirements and the usage plans.
    let access: AccessPolicy

    public init(model: APIModel, configuration: RuntimeConfiguration, store: (any TableStore)? = nil) {
        self.model = model
        let basePath = configuration.basePath ?? model.servers.first?.basePath ?? ""
        self.basePath = basePath == "/" ? "" : basePath
        self.matcher = RouteMatcher(operations: model.operations, configuration: .init(basePath: self.basePath))
        self.requestValidator = RequestValidator(
            model: model,
            bodies: .init(maxBodyBytes: configuration.maxBodySize)
        )
        self.responseValidator = ResponseValidator(model: model)
        self.mocks = MockEngine(model: model)
        self.stateful = store.map { StatefulMocks(model: model, store: $0) }
        // `gatehouse serve` reports a malformed `x-gatehouse-usage-plans` before it starts; a reload with one meters
        // nothing rather than failing every request.
        let plans = configuration.access.usagePlans ?? (try? UsagePlans(model: model)) ?? UsagePlans()
        self.access = AccessPolicy(model: model, plans: plans)
        self.scopes = model.operations.map {
            configuration.validatesRequests ? RequestValidatorExtension.scope(of: $0, in: model) : nil
        }
    }
}

/// The API Gateway request-validator extensions: `x-amazon-apigateway-request-validators` at the root declares
/// named validators (`validateRequestBody`, `validateRequestParameters`), and `x-amazon-apigateway-request-validator`
/// picks one for the whole API (root) or one operation.
enum RequestValidatorExtension {
    static func scope(of operation: Operation, in model: APIModel) -> RequestValidator.Scope? {
        let name =
            operation.extensions["x-amazon-apigateway-request-validator"]?.stringValue
            ?? model.extensions["x-amazon-apigateway-request-validator"]?.stringValue
        guard let name else { return RequestValidator.Scope() }
        guard let validator = model.extensions["x-amazon-apigateway-request-validators"]?[name]?.objectValue else {
            // A name without a declaration: validate everything rather than nothing.
            return RequestValidator.Scope()
        }
        let body = validator["validateRequestBody"]?.boolValue ?? false
        let parameters = validator["validateRequestParameters"]?.boolValue ?? false
        guard body || parameters else { return nil }
        return RequestValidator.Scope(parameters: parameters, body: body)
    }
}
