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
    private let prepared = PreparedDecoders()

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
        var issues: [ValidationIssue] = []
        if scope.parameters {
            issues += validateParameters(request, for: operation)
        }
        if scope.body {
            issues += validateBody(request, for: operation)
        }
        return Array(issues.prefix(validation.options.maxIssues))
    }

    func validateParameters(_ request: Request, for operation: GatehouseSpec.Operation) -> [ValidationIssue] {
        let (values, decodingIssues) = decoders(for: operation).parameters.decode(
            RawRequestParts(
                pathCaptures: request.pathCaptures,
                query: request.query.isEmpty ? nil : request.query,
                headers: request.headers.map { ($0.name, $0.value) }
            )
        )
        var issues = decodingIssues
        for parameter in operation.parameters {
            guard let value = values[parameter.identity],
                let schema = MessageValidation.schema(of: parameter.schema, content: parameter.content)
            else { continue }
            issues += validation.check(
                value,
                against: schema,
                at: "\(parameter.location.rawValue).\(parameter.name)",
                direction: .request
            )
        }
        return issues
    }

    func validateBody(_ request: Request, for operation: GatehouseSpec.Operation) -> [ValidationIssue] {
        let decoded = decoders(for: operation).body.decode(
            contentType: request.headers.value(for: "Content-Type"), body: request.body)
        var issues = decoded.issues
        if let value = decoded.value, let schema = decoded.mediaType?.schema {
            issues += validation.check(value, against: schema, at: "body", direction: .request)
        }
        return issues
    }

    /// The decoders and compiled schemas of `operation`, prepared now: what a server builds once per operation when it
    /// loads a contract, so each request is read once (`OperationRequestPlan.decode(_:scope:)`).
    public func plan(for operation: GatehouseSpec.Operation) -> OperationRequestPlan {
        OperationRequestPlan(
            operation: operation, validation: validation, parameters: decoderConfiguration, bodies: bodyConfiguration)
    }

    /// The decoders of an operation, built on first use: they read the operation's schemas, which a server should
    /// not do on every request.
    func decoders(for operation: GatehouseSpec.Operation) -> (parameters: ParameterDecoder, body: BodyDecoder) {
        prepared.decoders(for: operation) {
            (
                ParameterDecoder(
                    operation: operation, document: validation.document, configuration: decoderConfiguration),
                BodyDecoder(
                    requestBody: operation.requestBody, document: validation.document, configuration: bodyConfiguration)
            )
        }
    }
}

/// Decoders by operation (its address in the document).
final class PreparedDecoders: @unchecked Sendable {
    // @unchecked: `entries` is only read and written under `lock`; the decoders are immutable and Sendable.
    private let lock = NSLock()
    private var entries: [NodeAddress: (parameters: ParameterDecoder, body: BodyDecoder)] = [:]

    func decoders(
        for operation: GatehouseSpec.Operation,
        make: () -> (ParameterDecoder, BodyDecoder)
    ) -> (parameters: ParameterDecoder, body: BodyDecoder) {
        if let cached = lock.withLock({ entries[operation.address] }) { return cached }
        let made = make()
        lock.withLock { entries[operation.address] = made }
        return made
    }
}
