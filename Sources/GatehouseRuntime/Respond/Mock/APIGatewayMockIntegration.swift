import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// An operation's `x-amazon-apigateway-integration` of `type: mock`, followed as API Gateway follows it, so an
/// exported REST API answers the same locally:
///
/// 1. The request template for the request's `Content-Type` (else `application/json`, else the first) is rendered,
///    and its `statusCode` (a number or numeric string in the resulting JSON) is the integration's status. Without
///    `requestTemplates` the status is 200.
/// 2. The integration response is the first of `responses` whose `selectionPattern` (else its key, a regular
///    expression) matches the whole status code as text; else the one keyed `default`.
/// 3. Its `statusCode` is the answer's status; its `responseParameters` of the form
///    `method.response.header.NAME: "'value'"` (or `context.requestId`) are headers; its `responseTemplates`
///    give the body, chosen by `Accept` (else `application/json`, else the first, as API Gateway never answers 406).
///
/// Templates are the subset of VTL that `APIGatewayTemplate` supports. An integration that uses more is not
/// followed: the operation is mocked from the contract, and a warning at start says why.
struct APIGatewayMockIntegration: Sendable {
    struct IntegrationResponse: Sendable {
        /// The key under `responses`, for messages.
        let key: String
        /// The method response status; nil when `statusCode` is missing or not a code.
        let status: Int?
        let headers: [(name: String, value: HeaderValue)]
        let templates: [(mediaType: MediaTypeName, template: APIGatewayTemplate)]
    }

    enum HeaderValue: Sendable {
        case constant(String)
        case requestId
    }

    let operationId: String
    let requestTemplates: [(essence: String, template: APIGatewayTemplate)]
    let responses: [IntegrationResponse]
    /// For each status code from 0 to 599, the index of the integration response it selects (-1: none), so the
    /// regular expressions run once at start rather than per request.
    let selection: [Int]

    /// The integration of `operation` when it is a mock the engine can follow; nil (with a warning when there is an
    /// integration) otherwise. It is built from the integration the front end read (`Operation.gateway.integration`),
    /// which left out what is malformed and reported it.
    static func make(for operation: Operation, builder: MockPlanBuilder, findings: inout [Diagnostic])
        -> APIGatewayMockIntegration?
    {
        guard let integration = operation.gateway.integration, integration.isMock else { return nil }
        let address = integration.address
        func fallback(_ reason: String) -> APIGatewayMockIntegration? {
            findings.append(
                builder.warning(
                    "mock-integration",
                    "the mock integration of '\(operation.id)' is not followed, \(reason); answering from the contract",
                    at: address))
            return nil
        }
        var requestTemplates: [(String, APIGatewayTemplate)] = []
        for template in integration.requestTemplates {
            do {
                let essence = MediaTypeName(template.mediaType)?.essence ?? template.mediaType.lowercased()
                requestTemplates.append((essence, try APIGatewayTemplate(template.text)))
            } catch {
                return fallback("its request template '\(template.mediaType)' uses \(error.what)")
            }
        }
        var responses: [IntegrationResponse] = []
        var patterns: [(index: Int, regex: Regex<AnyRegexOutput>)] = []
        var defaultIndex = -1
        for response in integration.responses {
            var templates: [(MediaTypeName, APIGatewayTemplate)] = []
            for template in response.responseTemplates {
                guard let mediaType = MediaTypeName(template.mediaType) else {
                    return fallback(
                        "response template '\(template.mediaType)' of '\(response.key)' is not a media type and a string"
                    )
                }
                do {
                    templates.append((mediaType, try APIGatewayTemplate(template.text)))
                } catch {
                    return fallback(
                        "its response template '\(template.mediaType)' of '\(response.key)' uses \(error.what)")
                }
            }
            var headers: [(String, HeaderValue)] = []
            for parameter in response.responseParameters {
                let prefix = "method.response.header."
                let source = parameter.value
                guard parameter.name.hasPrefix(prefix) else { continue }
                let name = String(parameter.name.dropFirst(prefix.count))
                if source.count >= 2, source.hasPrefix("'"), source.hasSuffix("'") {
                    headers.append((name, .constant(String(source.dropFirst().dropLast()))))
                } else if source == "context.requestId" {
                    headers.append((name, .requestId))
                } else {
                    findings.append(
                        builder.warning(
                            "mock-integration",
                            "header '\(name)' of the mock integration of '\(operation.id)' maps '\(source)', which a mock has no value for; it is not sent",
                            at: response.address))
                }
            }
            let index = responses.count
            responses.append(
                IntegrationResponse(
                    key: response.key, status: response.statusCode, headers: headers, templates: templates))
            let pattern = response.selectionPattern ?? response.key
            if response.key == "default" && response.selectionPattern == nil {
                defaultIndex = index
            } else if let regex = try? Regex(pattern) {
                patterns.append((index, regex))
            } else {
                return fallback("the selection pattern '\(pattern)' is not a regular expression")
            }
        }
        var selection = [Int](repeating: defaultIndex, count: 600)
        for code in 0..<600 {
            let text = String(code)
            if let match = patterns.first(where: { (try? $0.regex.wholeMatch(in: text)) != nil }) {
                selection[code] = match.index
            }
        }
        let mock = APIGatewayMockIntegration(
            operationId: operation.id, requestTemplates: requestTemplates, responses: responses, selection: selection)
        mock.check(against: operation, at: address, builder: builder, findings: &findings)
        return mock
    }

    /// A status from `200`, `"200"` or `200.0`.
    static func statusCode(_ value: JSONValue) -> Int? {
        switch value {
        case .number(let number): return number.int64.flatMap { (100...599).contains($0) ? Int($0) : nil }
        case .string(let text): return Int(text.trimmingOWS()).flatMap { (100...599).contains($0) ? $0 : nil }
        default: return nil
        }
    }

    func respond(accept: String?, context: MockRequestContext, plan: MockOperationPlan) -> MockOutcome {
        let integrationStatus: Int
        if let template = requestTemplate(for: context.contentType) {
            let rendered = template.render(context)
            guard case .object(let object)? = try? JSONParser.parse(rendered),
                let status = object["statusCode"].flatMap(Self.statusCode)
            else {
                return failure(
                    "the request template of the mock integration gives no 'statusCode' from 100 to 599: '\(String(decoding: rendered.prefix(200), as: UTF8.self))'"
                )
            }
            integrationStatus = status
        } else {
            integrationStatus = 200
        }
        let index = selection[integrationStatus]
        guard index >= 0 else {
            return failure("no integration response matches status \(integrationStatus) and there is no 'default'")
        }
        let response = responses[index]
        guard let status = response.status else {
            return failure("integration response '\(response.key)' has no 'statusCode' from 100 to 599")
        }
        var headers: [HeaderField] = []
        var body: [UInt8] = []
        if let chosen = responseTemplate(response, accept: accept) {
            body = chosen.template.render(context)
            headers.append(HeaderField(name: "Content-Type", value: chosen.mediaType.description))
        }
        for header in response.headers {
            switch header.value {
            case .constant(let value): headers.append(HeaderField(name: header.name, value: value))
            case .requestId: headers.append(HeaderField(name: header.name, value: context.requestId ?? ""))
            }
        }
        return .served(MockResponse(status: status, headers: headers, body: body, source: .integration))
    }

    private func failure(_ reason: String) -> MockOutcome {
        .problem(.integrationFailure(reason, operationId: operationId))
    }

    private func requestTemplate(for contentType: String?) -> APIGatewayTemplate? {
        guard !requestTemplates.isEmpty else { return nil }
        let essence = contentType.flatMap(MediaTypeName.init)?.essence ?? "application/json"
        return requestTemplates.first { $0.essence == essence }?.template
            ?? requestTemplates.first { $0.essence == "application/json" }?.template ?? requestTemplates[0].template
    }

    private func responseTemplate(_ response: IntegrationResponse, accept: String?)
        -> (mediaType: MediaTypeName, template: APIGatewayTemplate)?
    {
        guard !response.templates.isEmpty else { return nil }
        if let accept, let index = AcceptHeader(accept).negotiate(response.templates.map(\.mediaType)) {
            return response.templates[index]
        }
        return response.templates.first { $0.mediaType.essence == "application/json" } ?? response.templates[0]
    }
}
