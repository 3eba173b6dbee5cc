import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// The precomputed answers of one operation, and the rules that pick one for a request: status, then media type,
/// then body.
final class MockOperationPlan: Sendable {
    let operation: Operation
    /// In document order, parallel to `operation.responses`.
    let responses: [MockResponsePlan]
    /// The response served when the client asks for no code: the lowest exact 2XX code, else `2XX`, else `default`.
    let successIndex: Int?
    /// The operation's `x-amazon-apigateway-integration` of type `mock`, when it has one the engine can follow.
    let integration: APIGatewayMockIntegration?
    private let exactIndex: [Int: Int]
    private let rangeIndex: [Int: Int]
    private let defaultIndex: Int?

    init(operation: Operation, responses: [MockResponsePlan], integration: APIGatewayMockIntegration?) {
        self.operation = operation
        self.responses = responses
        self.integration = integration
        var exact: [Int: Int] = [:]
        var ranges: [Int: Int] = [:]
        var fallback: Int?
        for (index, response) in responses.enumerated() {
            switch response.status {
            case .code(let code): exact[code] = exact[code] ?? index
            case .range(let range): ranges[range] = ranges[range] ?? index
            case .default: fallback = fallback ?? index
            }
        }
        exactIndex = exact
        rangeIndex = ranges
        defaultIndex = fallback
        let lowestExact = exact.filter { (200...299).contains($0.key) }.min { $0.key < $1.key }?.value
        successIndex = lowestExact ?? ranges[2] ?? fallback
    }

    /// The response that covers `status`, as `Operation.response(for:)` looks it up: exact, range, `default`.
    func responseIndex(for status: Int) -> Int? {
        exactIndex[status] ?? rangeIndex[status / 100] ?? defaultIndex
    }

    func respond(accept: String?, prefer: String?, context: MockRequestContext) -> MockOutcome {
        if let integration {
            return integration.respond(accept: accept, context: context, plan: self)
        }
        guard let prefer, !prefer.isEmpty else {
            guard let index = successIndex else { return .problem(.noSuccessResponse(operation: operation)) }
            let response = responses[index]
            return answer(response, status: response.naturalStatus, accept: accept)
        }
        return respond(accept: accept, preferences: PreferHeader(prefer), context: context)
    }

    /// The answer a stateful mock starts from: the default success answer for `accept`, with the value its body
    /// encodes (the example the stored items follow); nil when the contract's answer is not a success.
    func successAnswer(accept: String?) -> (response: MockResponse, value: JSONValue?)? {
        guard integration == nil, let index = successIndex else { return nil }
        return answerWithValue(responses[index], status: responses[index].naturalStatus, accept: accept)
    }

    /// The contract's own answer for `status` when the operation declares that status exactly (its 404, 409…),
    /// with the value its body encodes; nil otherwise.
    func declaredAnswer(_ status: Int, accept: String?) -> (response: MockResponse, value: JSONValue?)? {
        guard let index = exactIndex[status] else { return nil }
        return answerWithValue(responses[index], status: status, accept: accept)
    }

    private func answerWithValue(_ response: MockResponsePlan, status: Int, accept: String?) -> (
        response: MockResponse, value: JSONValue?
    )? {
        guard !response.media.isEmpty else { return (response.empty.with(status: status), nil) }
        guard case .chosen(let media, let concrete) = negotiate(response, accept: accept), let primary = media.primary
        else { return nil }
        var answer = primary.response
        if let concrete, let reencoded = media.reencoded(primary, as: concrete) { answer = reencoded }
        return (answer.with(status: status), primary.value)
    }

    /// The default path: the primary body of the negotiated media type, with no per-request encoding.
    private func answer(_ response: MockResponsePlan, status: Int, accept: String?) -> MockOutcome {
        guard !response.media.isEmpty else { return .served(response.empty.with(status: status)) }
        switch negotiate(response, accept: accept) {
        case .refused(let problem):
            return .problem(problem)
        case .chosen(let media, let concrete):
            guard let primary = media.primary else {
                return .problem(.noValidBody(media.unservableReason ?? "no body", operationId: operation.id))
            }
            return served(media, primary, concrete: concrete, status: status)
        }
    }

    private func respond(accept: String?, preferences: PreferHeader, context: MockRequestContext) -> MockOutcome {
        var applied: [PreferHeader.Preference] = []
        let index: Int
        let status: Int
        if let code = preferences["code"] {
            guard let value = code.value, let requested = Int(value), (200...599).contains(requested) else {
                return .problem(
                    .invalidPreference(code, expected: "a status code from 200 to 599", operationId: operation.id))
            }
            guard let found = responseIndex(for: requested) else {
                return .problem(.undeclaredStatus(requested, operation: operation))
            }
            index = found
            status = requested
            applied.append(code)
        } else {
            guard let found = successIndex else { return .problem(.noSuccessResponse(operation: operation)) }
            index = found
            status = responses[found].naturalStatus
        }
        var dynamic = false
        if let preference = preferences["dynamic"] {
            switch preference.value?.lowercased() {
            case nil, "true": dynamic = true
            case "false": dynamic = false
            default:
                return .problem(
                    .invalidPreference(preference, expected: "'true' or 'false'", operationId: operation.id))
            }
        }
        let response = responses[index]
        let exampleName = preferences["example"]
        guard !response.media.isEmpty else {
            if let exampleName {
                return .problem(
                    .unknownExample(
                        exampleName.value ?? "", available: [], operationId: operation.id, status: response.status,
                        mediaType: "(no content)"))
            }
            return .served(response.empty.with(status: status, applied: applied))
        }
        let media: MockMediaPlan
        let concrete: MediaTypeName?
        switch negotiate(response, accept: accept) {
        case .refused(let problem): return .problem(problem)
        case .chosen(let chosen, let type): (media, concrete) = (chosen, type)
        }
        if let exampleName {
            let name = exampleName.value ?? ""
            if let candidate = media.examples[name] {
                applied.append(exampleName)
                return served(media, candidate, concrete: concrete, status: status, applied: applied)
            }
            if let reason = media.rejectedExamples[name] {
                return .problem(.noValidBody(reason, operationId: operation.id))
            }
            return .problem(
                .unknownExample(
                    name, available: media.exampleNames, operationId: operation.id, status: response.status,
                    mediaType: media.mediaType.description))
        }
        if dynamic, let varied = dynamicCandidate(media, context: context) {
            applied.append(PreferHeader.Preference(name: "dynamic", value: "true"))
            return served(media, varied, concrete: concrete, status: status, applied: applied)
        }
        guard let primary = media.primary else {
            return .problem(.noValidBody(media.unservableReason ?? "no body", operationId: operation.id))
        }
        return served(media, primary, concrete: concrete, status: status, applied: applied)
    }

    /// The media type by `Accept`, with the concrete type the client named when the contract declares a range.
    private func negotiate(_ response: MockResponsePlan, accept: String?) -> Negotiation {
        // The common cases (no header, `*/*`, exactly a declared type) need no parsing.
        guard let accept, !accept.isEmpty, accept != "*/*" else { return .chosen(response.writable[0], nil) }
        if let exact = response.writable.first(where: { !$0.isRange && $0.contentType == accept }) {
            return .chosen(exact, nil)
        }
        let header = AcceptHeader(accept)
        if header.acceptsAnything { return .chosen(response.writable[0], nil) }
        guard let index = header.negotiate(response.mediaTypes) else {
            return .refused(
                .notAcceptable(
                    accept, available: response.mediaTypes.map(\.description), operationId: operation.id,
                    status: response.status))
        }
        let media = response.writable[index]
        return .chosen(media, media.isRange ? header.concreteType(within: media.mediaType) : nil)
    }

    private enum Negotiation {
        /// The media type, with the concrete type the client named when the contract declares a range.
        case chosen(MockMediaPlan, MediaTypeName?)
        case refused(MockProblem)
    }

    private func served(
        _ media: MockMediaPlan, _ candidate: MockMediaPlan.Candidate, concrete: MediaTypeName?, status: Int,
        applied: [PreferHeader.Preference] = []
    ) -> MockOutcome {
        var response = candidate.response
        if let concrete, let reencoded = media.reencoded(candidate, as: concrete) { response = reencoded }
        return .served(response.with(status: status, applied: applied))
    }

    /// The synthesized instance varied for this request; nil without a schema or an instance to start from.
    private func dynamicCandidate(_ media: MockMediaPlan, context: MockRequestContext) -> MockMediaPlan.Candidate? {
        guard let cache = media.instance, let base = cache.instance else { return nil }
        var random = context.seed.map(MockRandom.init(seed:)) ?? MockRandom.fresh()
        let value = MockVariation(schema: cache.schema).vary(base, using: &random)
        guard case .success(let body) = MockBodyEncoder.encode(value, as: media.servedType) else { return nil }
        let headers = [HeaderField(name: "Content-Type", value: media.contentType)] + media.headers
        return MockMediaPlan.Candidate(
            value: value, response: MockResponse(status: 200, headers: headers, body: body, source: .dynamic))
    }
}

extension MockResponse {
    /// The same answer with another status and, when preferences were honoured, a `Preference-Applied` header
    /// (RFC 7240 section 3) so the client can tell its `Prefer` was read.
    func with(status: Int, applied: [PreferHeader.Preference] = []) -> MockResponse {
        var copy = self
        copy.status = status
        if !applied.isEmpty {
            copy.headers.append(
                HeaderField(name: "Preference-Applied", value: applied.map(\.description).joined(separator: ", ")))
        }
        return copy
    }
}
