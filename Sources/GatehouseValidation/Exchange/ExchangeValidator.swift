public import GatehouseJSON
public import GatehouseSpec

/// Validates recorded exchanges against a contract: matches each request to its operation (honouring the servers'
/// base paths), then checks the request and, when recorded, the response.
public struct ExchangeValidator: Sendable {
    public let model: APIModel
    private let matchers: [RouteMatcher]
    private let requestValidator: RequestValidator
    private let responseValidator: ResponseValidator

    /// Compiles what validation needs from the model once; exchanges are then validated without re-reading the spec.
    public init(model: APIModel, options: ValidationOptions = ValidationOptions()) {
        self.model = model
        var basePaths: [String] = []
        for server in model.servers where !basePaths.contains(server.basePath) {
            basePaths.append(server.basePath)
        }
        if !basePaths.contains("") { basePaths.append("") }
        self.matchers = basePaths.map {
            RouteMatcher(operations: model.operations, configuration: .init(basePath: $0))
        }
        self.requestValidator = RequestValidator(model: model, options: options)
        self.responseValidator = ResponseValidator(model: model, options: options)
    }

    public func validate(_ exchange: RecordedExchange) -> ExchangeResult {
        var result = ExchangeResult(
            index: exchange.index,
            location: exchange.location,
            method: exchange.request.method,
            path: exchange.request.url,
            operationId: nil,
            findings: []
        )
        guard let url = RecordedURL(exchange.request.url) else {
            result.findings.append(
                .init(
                    part: .request,
                    issue: ValidationIssue(
                        location: "url",
                        keyword: "url",
                        message: "'\(exchange.request.url)' is not an absolute URL or a path starting with '/'"
                    )
                )
            )
            return result
        }
        result.path = url.path
        guard let method = HTTPMethod(rawValue: exchange.request.method) else {
            result.findings.append(
                Self.routeFinding("method '\(exchange.request.method)' is not one OpenAPI describes"))
            return result
        }
        switch route(method: method, path: url.path) {
        case .operation(let index, let captures):
            let operation = model.operations[index]
            result.operationId = operation.id
            let request = RequestValidator.Request(
                pathCaptures: captures,
                query: url.query,
                headers: exchange.request.headers,
                // A body the record left out (streamed to the backend) was there: a one-byte stand-in says so, as
                // the gateway's own check does, so its media type is checked and it is not reported as missing.
                body: exchange.request.body ?? (exchange.request.bodyNotRecorded ? [0] : nil)
            )
            result.requestBodyNotChecked = exchange.request.bodyNotRecorded
            result.findings += requestValidator.validate(request, for: operation).map {
                .init(part: .request, issue: $0)
            }
            if let response = exchange.response {
                result.findings += responseValidator.validate(response, for: operation).map {
                    .init(part: .response, issue: $0)
                }
                result.responseBodyNotChecked = response.bodyNotRecorded
            }
        case .methodNotAllowed(let allowed):
            let methods = allowed.map(\.rawValue).joined(separator: ", ")
            result.findings.append(
                Self.routeFinding("path '\(url.path)' has no \(method.rawValue) operation; it allows \(methods)")
            )
        case .notFound:
            result.findings.append(
                Self.routeFinding("no operation of the contract matches '\(method.rawValue) \(url.path)'")
            )
        }
        return result
    }

    static func routeFinding(_ message: String) -> ExchangeResult.Finding {
        .init(part: .request, issue: ValidationIssue(location: "path", keyword: "route", message: message))
    }

    /// The first matcher (by server base path, in declaration order) that knows the path decides.
    func route(method: HTTPMethod, path: String) -> RouteMatcher.Match {
        var fallback = RouteMatcher.Match.notFound
        for matcher in matchers {
            switch matcher.match(method: method, path: path) {
            case .operation(let index, let captures): return .operation(index: index, captures: captures)
            case .methodNotAllowed(let allowed): fallback = .methodNotAllowed(allowed: allowed)
            case .notFound: continue
            }
        }
        return fallback
    }
}
