public import GatehouseJSON
public import GatehouseSpec
import Synchronization

/// Checks a response against its operation: the status is declared (exactly, by range, or by `default`), declared
/// headers are present and valid, and the body matches the media type and schema of that response.
public struct ResponseValidator: Sendable {
    let validation: MessageValidation
    let bodyConfiguration: BodyDecoder.Configuration
    /// The header and body decoders of each declared response, made on its first answer and kept: making them
    /// inspects the response's schemas, which cost more than checking a small answer.
    private let plans = ResponsePlans()

    public init(
        model: APIModel,
        options: ValidationOptions = ValidationOptions(),
        bodies: BodyDecoder.Configuration = .init()
    ) {
        self.validation = MessageValidation(document: model.document, options: options)
        var bodies = bodies
        bodies.maxBodyBytes = max(bodies.maxBodyBytes, 64 * 1024 * 1024)
        self.bodyConfiguration = bodies
    }

    public func validate(_ response: RecordedResponse, for operation: Operation) -> [ValidationIssue] {
        validate(status: response.status, headers: response.headers, body: response.body, for: operation)
    }

    public func validate(status: Int, headers: [HeaderField], body: [UInt8]?, for operation: Operation)
        -> [ValidationIssue]
    {
        guard let declared = operation.response(for: status) else {
            let statuses = operation.responses.map(\.status.description).joined(separator: ", ")
            return [
                ValidationIssue(
                    location: "status",
                    keyword: "status",
                    schemaLocation: operation.address.appending("responses"),
                    message: "status \(status) is not declared for '\(operation.id)' (declared: \(statuses))"
                )
            ]
        }
        var issues: [ValidationIssue] = []
        let plan = plans.plan(for: declared) {
            ResponsePlans.Plan(
                headers: ParameterDecoder(responseHeaders: declared.headers, document: validation.document),
                body: BodyDecoder(response: declared, document: validation.document, configuration: bodyConfiguration))
        }
        let (values, headerIssues) = plan.headers.decode(
            RawRequestParts(headers: headers.map { ($0.name, $0.value) }))
        issues += headerIssues
        for header in declared.headers where header.name.lowercased() != "content-type" {
            guard let value = values[ParameterIdentity(name: header.name, location: .header)],
                let schema = MessageValidation.schema(of: header.schema, content: header.content)
            else { continue }
            issues += validation.check(value, against: schema, at: "header.\(header.name)", direction: .response)
        }
        let contentType = headers.value(for: "Content-Type")
        if isValidJSONInOnePass(body, contentType: contentType, decoder: plan.body) {
            return Array(issues.prefix(validation.options.maxIssues))
        }
        let body = plan.body.decode(contentType: contentType, body: body)
        issues += body.issues
        if let value = body.value, let schema = body.mediaType?.schema {
            issues += validation.check(value, against: schema, at: "body", direction: .response)
        }
        return Array(issues.prefix(validation.options.maxIssues))
    }
}

extension ResponseValidator {
    /// Whether `body` is JSON of a declared media type that is valid against its schema, checked in one pass over
    /// the bytes (most answers are); false when it must be decoded to tell, and to say what is wrong.
    private func isValidJSONInOnePass(_ body: [UInt8]?, contentType: String?, decoder: BodyDecoder) -> Bool {
        guard let body, let selection = decoder.jsonSelection(contentType: contentType, body: body),
            let schema = decoder.content[selection.index].schema,
            case .success(let compiled) = validation.compiledSchema(schema)
        else { return false }
        var options = validation.options
        options.direction = .response
        return compiled.isValidInOnePass(body, options: options, parserOptions: selection.options)
    }
}

/// The decoders of each declared response, by the response's place in the contract.
final class ResponsePlans: Sendable {
    struct Plan: Sendable {
        let headers: ParameterDecoder
        let body: BodyDecoder
    }

    private let plans = Mutex<[NodeAddress: Plan]>([:])

    /// The plan of `response`, made by `make` the first time.
    func plan(for response: Response, make: () -> Plan) -> Plan {
        if let plan = plans.withLock({ $0[response.address] }) { return plan }
        let plan = make()
        plans.withLock { $0[response.address] = plan }
        return plan
    }
}
