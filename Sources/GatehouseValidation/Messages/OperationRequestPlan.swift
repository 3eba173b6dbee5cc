public import GatehouseJSON
public import GatehouseSpec

/// One operation's request reading, prepared once: its parameter and body decoders and the compiled schema of every
/// parameter and body media type. A server builds it when it loads the contract; `decode(_:scope:)` then reads each
/// request once into a `DecodedRequest`, which travels on to whatever answers it (a handler, a stateful table).
public final class OperationRequestPlan: Sendable {
    /// One declared parameter with its compiled schema.
    struct ParameterCheck: Sendable {
        let identity: ParameterIdentity
        /// Where issues are placed: `query.limit`.
        let location: String
        let schema: PreparedSchema?
    }

    public let operation: Operation
    let parameterDecoder: ParameterDecoder
    let bodyDecoder: BodyDecoder
    let parameterChecks: [ParameterCheck]
    /// By the media type's key under `content`.
    let bodySchemas: [String: PreparedSchema]
    let options: ValidationOptions
    /// Whether any parameter is read from a header or a cookie; when none is, only `Content-Type` matters.
    public let readsHeaders: Bool

    /// Prepares the decoders and compiles the schemas of `operation` (a schema that cannot be compiled is reported
    /// as an issue by every request that reaches it, as `RequestValidator` does). Made by `RequestValidator.plan`,
    /// which shares one schema compiler across the operations of a contract.
    init(
        operation: Operation,
        validation: MessageValidation,
        parameters: ParameterDecoder.Configuration,
        bodies: BodyDecoder.Configuration
    ) {
        self.operation = operation
        var options = validation.options
        options.direction = .request
        self.options = options
        let document = validation.document
        self.parameterDecoder = ParameterDecoder(operation: operation, document: document, configuration: parameters)
        self.bodyDecoder = BodyDecoder(requestBody: operation.requestBody, document: document, configuration: bodies)
        self.readsHeaders = operation.parameters.contains { $0.location == .header || $0.location == .cookie }
        self.parameterChecks = operation.parameters.map { parameter in
            ParameterCheck(
                identity: parameter.identity,
                location: "\(parameter.location.rawValue).\(parameter.name)",
                schema: MessageValidation.schema(of: parameter.schema, content: parameter.content).map {
                    PreparedSchema($0, validation: validation)
                }
            )
        }
        var bodySchemas: [String: PreparedSchema] = [:]
        for mediaType in operation.requestBody?.content ?? [] {
            guard let schema = mediaType.schema else { continue }
            bodySchemas[mediaType.name] = PreparedSchema(schema, validation: validation)
        }
        self.bodySchemas = bodySchemas
    }

    /// Reads a request once: every declared parameter decoded by its style, the body chosen by `Content-Type` and
    /// decoded by its media type, and, within `scope`, every issue against the contract (nil `scope` checks
    /// nothing but still decodes).
    public func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?) -> DecodedRequest {
        decode(request, scope: scope, keepingBody: true)
    }

    /// `decode(_:scope:)`; with `keepingBody` false (nothing later reads the body's value, as when the answer comes
    /// from the contract's examples), a JSON body that is valid against its schema is checked in one pass over its
    /// bytes and not kept (`DecodedRequest.body` is nil). Any other body is decoded and checked as
    /// `decode(_:scope:)` does, so the issues are always the same.
    public func decode(_ request: RequestValidator.Request, scope: RequestValidator.Scope?, keepingBody: Bool)
        -> DecodedRequest
    {
        let (values, decodingIssues) = parameterDecoder.decode(
            RawRequestParts(
                pathCaptures: request.pathCaptures,
                query: request.query.isEmpty ? nil : request.query,
                headers: readsHeaders ? request.headers.map { ($0.name, $0.value) } : []
            )
        )
        var issues: [ValidationIssue] = []
        if scope?.parameters == true {
            issues = decodingIssues
            for check in parameterChecks {
                guard let value = values[check.identity], let schema = check.schema else { continue }
                issues += schema.check(value, at: check.location, options: options)
            }
        }
        let contentType = request.headers.value(for: "Content-Type")
        if !keepingBody, scope?.body == true,
            let mediaType = validInOnePass(contentType: contentType, body: request.body)
        {
            return DecodedRequest(
                parameters: values, body: nil, mediaType: mediaType, issues: Array(issues.prefix(options.maxIssues)))
        }
        let decoded = bodyDecoder.decode(contentType: contentType, body: request.body)
        if scope?.body == true {
            issues += decoded.issues
            if let value = decoded.value, let name = decoded.mediaType?.name, let schema = bodySchemas[name] {
                issues += schema.check(value, at: "body", options: options)
            }
        }
        return DecodedRequest(
            parameters: values,
            body: decoded.value,
            mediaType: decoded.mediaType?.name,
            issues: Array(issues.prefix(options.maxIssues))
        )
    }
}

extension OperationRequestPlan {
    /// The media type's key when the body is JSON that is valid against its schema, checked in one pass over the
    /// bytes; nil when the body must be decoded (it may still be valid).
    private func validInOnePass(contentType: String?, body: [UInt8]?) -> String? {
        guard let body, let selection = bodyDecoder.jsonSelection(contentType: contentType, body: body) else {
            return nil
        }
        let name = bodyDecoder.content[selection.index].name
        guard let schema = bodySchemas[name], case .success(let compiled) = schema.compiled,
            compiled.isValidInOnePass(body, options: options, parserOptions: selection.options)
        else { return nil }
        return name
    }
}

/// A request read once by `OperationRequestPlan`: what the contract's parameters and body hold, as JSON values, and
/// what in it breaks the contract.
public struct DecodedRequest: Sendable {
    /// Every declared parameter the request has, decoded by its style into a typed value.
    public var parameters: [ParameterIdentity: JSONValue]
    /// The body decoded by its media type (a form's fields as an object); nil without a body or when it cannot be
    /// decoded.
    public var body: JSONValue?
    /// The contract's media type (its key under `content`) the body was matched to.
    public var mediaType: String?
    /// What breaks the contract, in the scope that was asked for; empty when the request may go on.
    public var issues: [ValidationIssue]

    public init(
        parameters: [ParameterIdentity: JSONValue] = [:], body: JSONValue? = nil, mediaType: String? = nil,
        issues: [ValidationIssue] = []
    ) {
        self.parameters = parameters
        self.body = body
        self.mediaType = mediaType
        self.issues = issues
    }
}

/// A schema compiled when the plan is made, or the reason it cannot be.
struct PreparedSchema: Sendable {
    let address: NodeAddress
    let compiled: Result<CompiledSchema, SchemaCompileError>

    init(_ reference: SchemaReference, validation: MessageValidation) {
        self.address = reference.address
        self.compiled = validation.compiledSchema(reference)
    }

    /// Validates `value`; issue locations are `prefix` followed by the instance pointer.
    func check(_ value: JSONValue, at prefix: String, options: ValidationOptions) -> [ValidationIssue] {
        switch compiled {
        case .success(let schema):
            let issues = schema.validate(value, options: options)
            guard !issues.isEmpty else { return [] }
            return issues.map { issue in
                var placed = issue
                placed.location = prefix + issue.location
                return placed
            }
        case .failure(let error):
            return [
                ValidationIssue(
                    location: prefix,
                    keyword: "schema",
                    schemaLocation: address,
                    message: "the schema cannot be used for validation: \(error)"
                )
            ]
        }
    }
}
