import GatehouseJSON
import GatehouseSpec

/// Which statuses the gateway answers an operation with by itself, and sample problem documents of each, shaped as
/// GatehouseRuntime sends them (its authenticate, meter, limit and decode stages).
extension GatewayErrorChecker {
    func statuses(of operation: GatehouseSpec.Operation) -> [GatewayStatus] {
        var statuses: [GatewayStatus] = []
        let hasBody = operation.requestBody != nil
        // A second API key (a repeated header, query parameter or cookie) is refused before anything else.
        switch (hasBody || !operation.parameters.isEmpty, takesAPIKey(operation)) {
        case (true, false):
            statuses.append(GatewayStatus(status: 400, reason: "request validation", samples: Self.badRequest))
        case (true, true):
            statuses.append(
                GatewayStatus(
                    status: 400, reason: "request validation or a repeated API key",
                    samples: Self.badRequest + [Self.repeatedKey]))
        case (false, true):
            statuses.append(GatewayStatus(status: 400, reason: "a repeated API key", samples: [Self.repeatedKey]))
        case (false, false): break
        }
        let credentials = credentials(of: operation)
        if let credentials {
            // An API key that is missing, unknown or disabled is a 403 (as a managed gateway answers); a bad bearer
            // token or basic credentials, or a missing credential when no API key would do, is a 401.
            if credentials.contains(.apiKey) {
                statuses.append(
                    GatewayStatus(status: 403, reason: "missing or invalid API key", samples: [Self.forbidden]))
            }
            if credentials.contains(.http) || !credentials.contains(.apiKey) {
                statuses.append(
                    GatewayStatus(status: 401, reason: "missing or invalid credentials", samples: [Self.unauthorized]))
            }
        }
        if hasBody {
            statuses.append(GatewayStatus(status: 413, reason: "body over the size limit", samples: Self.tooLarge))
            statuses.append(
                GatewayStatus(status: 415, reason: "undeclared content type", samples: [Self.unsupportedMediaType]))
        }
        if isMetered(operation) {
            statuses.append(GatewayStatus(status: 429, reason: "usage plan", samples: Self.tooManyRequests))
        }
        return statuses.sorted { $0.status < $1.status }
    }

    /// The kinds of credential a caller must present (nil when the operation can be called anonymously).
    enum Credential: Hashable {
        case apiKey
        case http
        case other
    }

    /// From the credentials the front end resolved (`Operation.gateway.credentials`, as the runtime enforces them).
    func credentials(of operation: GatehouseSpec.Operation) -> Set<Credential>? {
        guard let alternatives = operation.gateway.credentials, !alternatives.isEmpty,
            !alternatives.contains(where: \.isEmpty)
        else { return nil }
        return Set(alternatives.joined().map(kind))
    }

    /// The kind of a credential: an HTTP scheme the gateway does not check is still answered as HTTP auth.
    func kind(_ credential: SecurityCredential) -> Credential {
        switch credential {
        case .apiKey: return .apiKey
        case .bearer, .basic: return .http
        case .unsupported(let scheme):
            if case .http? = model.securityScheme(named: scheme)?.kind { return .http }
            return .other
        }
    }

    /// Whether a usage plan can refuse a call: the contract declares plans with a throttle or quota and the
    /// operation takes an API key (keys are metered by their plan), or it declares a throttle for anonymous calls.
    func isMetered(_ operation: GatehouseSpec.Operation) -> Bool {
        let plans = model.gateway.usagePlans
        if plans.anonymous != nil { return true }
        return plans.plans.values.contains(where: \.isLimited) && takesAPIKey(operation)
    }

    /// Whether a caller may present an API key: one of the operation's alternatives names one.
    func takesAPIKey(_ operation: GatehouseSpec.Operation) -> Bool {
        operation.gateway.takesAPIKey
    }

    // MARK: Samples

    /// A validation failure with an issue of each kind of location, and a body that cannot be read.
    static let badRequest = [
        ProblemDocument(
            status: 400, title: "Bad Request",
            detail: "the request does not match the contract of 'sample': 3 problems",
            type: "https://gatehouse.dev/problems/request-validation",
            issues: [
                ValidationIssue(
                    location: "body/name", keyword: "type",
                    schemaLocation: NodeAddress(
                        file: "", pointer: JSONPointer(tokens: ["properties", "name", "type"])),
                    message: "expected a string, found an integer 7"),
                ValidationIssue(
                    location: "query.limit", keyword: "maximum",
                    schemaLocation: NodeAddress(file: "", pointer: JSONPointer(tokens: ["maximum"])),
                    message: "expected at most 100, found 500"),
                ValidationIssue(
                    location: "header.X-Request-Id", keyword: "format", message: "expected a 'uuid', found 'abc'"),
            ]),
        ProblemDocument(
            status: 400, title: "Bad Request", detail: "the request body could not be read: the connection was closed"),
    ]

    static let repeatedKey = ProblemDocument(
        status: 400, title: "Bad Request",
        detail: "the request carries more than one header 'X-API-Key'; send exactly one API key")

    static let unauthorized = ProblemDocument(
        status: 401, title: "Unauthorized", detail: "this operation needs a bearer token")

    static let forbidden = ProblemDocument(
        status: 403, title: "Forbidden", detail: "the API key is not valid: it is unknown or disabled")

    static let tooLarge = [
        ProblemDocument(
            status: 413, title: "Content Too Large", detail: "the request body is larger than the limit of 10 bytes"),
        ProblemDocument(
            status: 413, title: "Content Too Large", detail: "the body has more than 1000 parts",
            issues: [
                ValidationIssue(location: "body", keyword: "body-size", message: "the body has more than 1000 parts")
            ]),
    ]

    static let unsupportedMediaType = ProblemDocument(
        status: 415, title: "Unsupported Media Type",
        detail: "expected Content-Type 'application/json', found 'text/plain'",
        issues: [
            ValidationIssue(
                location: "header.Content-Type", keyword: "content-type",
                message: "expected Content-Type 'application/json', found 'text/plain'")
        ])

    static let tooManyRequests = [
        ProblemDocument(
            status: 429, title: "Too Many Requests",
            detail: "the rate limit of 5 requests per second (burst 10) is exceeded; retry after 1 s",
            type: "https://gatehouse.dev/problems/throttled", extra: JSONObject(["retryAfter": .number(JSONNumber(1))])
        ),
        ProblemDocument(
            status: 429, title: "Quota Exhausted",
            detail: "the quota of 1000 requests per DAY of plan 'free' is used up; it resets at 2026-01-02T00:00:00Z",
            type: "https://gatehouse.dev/problems/quota-exhausted",
            extra: JSONObject([
                "limit": .number(JSONNumber(1000)), "period": .string("DAY"),
                "resetsAt": .string("2026-01-02T00:00:00Z"),
            ])),
    ]
}
