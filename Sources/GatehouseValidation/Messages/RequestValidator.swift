import Foundation
public import GatehouseJSON
public import GatehouseSpec

/// Checks a request against its operation: every parameter (decoded by style, then validated by schema) and the
/// body (chosen by `Content-Type`, decoded by media type, validated by schema). Every issue is reported, up to the
/// options' cap.
public struct RequestValidator: Sendable {
    /// A request as it arrived: raw path captures, raw query, headers and body.
    public struct Request: Sendable {
        public var pathCaptures: [String: String]
        /// Without `?`; empty when there is none.
        public var query: String
        public var headers: [HeaderField]
        public var body: [UInt8]?

        public init(pathCaptures: [String: String], query: String, headers: [HeaderField], body: [UInt8]?) {
            self.pathCaptures = pathCaptures
            self.query = query
            self.headers = headers
            self.body = body
        }
    }

    /// What to check; the contract's `x-amazon-apigateway-request-validator` can narrow it per operation.
    public struct Scope: Sendable, Hashable {
        public var parameters: Bool
        public var body: Bool

        public init(parameters: Bool = true, body: Bool = true) {
            self.parameters = parameters
            self.body = body
        }
    }

    let validation: MessageValidation
    let decoderConfiguration: ParameterDecoder.Configuration
    let bodyConfiguration: BodyDecoder.Configuration
    private let prepared = PreparedPlans()

    public init(
        model: APIModel,
        options: ValidationOptions = ValidationOptions(),
        parameters: ParameterDecoder.Configuration = .init(),
        bodies: BodyDecoder.Configuration = .init()
    ) {
        self.validation = MessageValidation(document: model.document, options: options)
        self.decoderConfiguration = parameters
        self.bodyConfiguration = bodies
    }

    public func validate(_ request: Request, for operation: GatehouseSpec.Operation, scope: Scope = Scope())
        -> [ValidationIssue]
    {
        preparedPlan(for: operation).decode(request, scope: scope).issues
    }

    /// The decoders and compiled schemas of `operation`, prepared now: what a server builds once per operation when it
    /// loads a contract, so each request is read once (`OperationRequestPlan.decode(_:scope:)`).
    public func plan(for operation: GatehouseSpec.Operation) -> OperationRequestPlan {
        OperationRequestPlan(
            operation: operation, validation: validation, parameters: decoderConfiguration, bodies: bodyConfiguration)
    }

    /// The plan of an operation, made on first use and kept: `validate` reads recorded traffic one exchange at a
    /// time, and an operation's schemas should not be prepared for each.
    func preparedPlan(for operation: GatehouseSpec.Operation) -> OperationRequestPlan {
        prepared.plan(for: operation) { plan(for: operation) }
    }
}

/// Request plans by operation (its address in the document).
final class PreparedPlans: @unchecked Sendable {
    // @unchecked: `entries` is only read and written under `lock`; the plans are immutable and Sendable.
    private let lock = NSLock()
    private var entries: [NodeAddress: OperationRequestPlan] = [:]

    func plan(for operation: GatehouseSpec.Operation, make: () -> OperationRequestPlan) -> OperationRequestPlan {
        if let cached = lock.withLock({ entries[operation.address] }) { return cached }
        let made = make()
        lock.withLock { entries[operation.address] = made }
        return made
    }
}
