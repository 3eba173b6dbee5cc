import GatehouseSpec
import HTTPTypes

/// The route stage: the admin paths, then the contract's path templates. A match records the operation's index and
/// its raw path parameters on the exchange; no match answers 404, a path without the method 405 with `Allow`, and
/// `OPTIONS` on a path without an OPTIONS operation the CORS preflight or the allowed methods.
///
/// A class, so a request holds it with one reference count rather than copying the model and the matcher.
final class RouteStage: GatewayStage {
    let model: APIModel
    let matcher: RouteMatcher
    let cors: CORSPolicy
    let metricsPath: String
    let metrics: GatewayMetrics

    init(model: APIModel, matcher: RouteMatcher, cors: CORSPolicy, metricsPath: String, metrics: GatewayMetrics) {
        self.model = model
        self.matcher = matcher
        self.cors = cors
        self.metricsPath = metricsPath
        self.metrics = metrics
    }

    nonisolated(nonsending) func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer? {
        let request = exchange.request
        let path = request.uri.path
        if path == metricsPath, request.method == .get {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return GatewayAnswer(status: 200, headers: headers, body: metrics.exposition())
        }
        guard let method = GatehouseSpec.HTTPMethod(rawValue: request.method.rawValue) else {
            return unknownMethod(request.method.rawValue, path: path)
        }
        switch matcher.match(method: method, path: path) {
        case .notFound:
            return GatewayAnswer(
                Problem(
                    status: 404, title: "Not Found",
                    detail: "no operation of the contract matches '\(method.rawValue) \(path)'")
            )
        case .methodNotAllowed(let allowed):
            if method == .options { return options(exchange, path: path, allowed: allowed) }
            return notAllowed(method.rawValue, path: path, allowed: allowed)
        case .operation(let index, let captures):
            exchange.operationIndex = index
            exchange.captures = captures
            return nil
        }
    }

    func unknownMethod(_ method: String, path: String) -> GatewayAnswer {
        let allowed = matcher.allowedMethods(path: path)
        guard !allowed.isEmpty else {
            return GatewayAnswer(
                Problem(
                    status: 404, title: "Not Found", detail: "no operation of the contract matches '\(method) \(path)'")
            )
        }
        return notAllowed(method, path: path, allowed: allowed)
    }

    func notAllowed(_ method: String, path: String, allowed: [GatehouseSpec.HTTPMethod]) -> GatewayAnswer {
        let methods = allowed.map(\.rawValue).joined(separator: ", ")
        var headers = HTTPFields()
        headers[.allow] = methods
        return GatewayAnswer(
            Problem(
                status: 405, title: "Method Not Allowed",
                detail: "'\(path)' has no \(method) operation; it allows \(methods)"),
            headers: headers
        )
    }

    /// `OPTIONS` on a path without an OPTIONS operation: the CORS preflight when it is one, else the allowed methods.
    func options(_ exchange: GatewayExchange, path: String, allowed: [GatehouseSpec.HTTPMethod]) -> GatewayAnswer {
        let methods = (allowed + [.options]).map(\.rawValue).joined(separator: ", ")
        var headers = HTTPFields()
        headers[.allow] = methods
        guard let origin = cors.allowedOrigin(exchange.headers[.origin]),
            exchange.headers.contains(.accessControlRequestMethod)
        else {
            return GatewayAnswer(status: 204, headers: headers)
        }
        let operations = allowed.compactMap { method -> GatehouseSpec.Operation? in
            guard case .operation(let index, _) = matcher.match(method: method, path: path) else { return nil }
            return model.operations[index]
        }
        headers[.accessControlAllowMethods] = methods
        headers[.accessControlAllowHeaders] = CORSPolicy.allowedHeaders(
            for: operations, schemes: model.securitySchemes)
        headers[.accessControlMaxAge] = "600"
        if origin != "*" { headers[.vary] = "Origin" }
        return GatewayAnswer(status: 204, headers: headers)
    }
}
