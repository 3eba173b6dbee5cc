import Foundation
import GatehouseSpec
import HTTPTypes

/// Where one operation's requests go, decided when the contract is loaded: the `--upstream` URL with the gateway's
/// base path replaced by the backend's, or the operation's own `x-amazon-apigateway-integration` of type `http` or
/// `http_proxy` (its `uri` with path parameters filled in, its `httpMethod`, its `requestParameters`).
struct UpstreamRoute: Sendable {
    enum Target: Sendable {
        /// `--upstream URL`: the request path with `gatewayBasePath` replaced by the URL's path.
        case mapped(UpstreamURL, gatewayBasePath: String)
        /// The integration's `uri`, split at its `{name}` placeholders.
        case integration(template: [Piece], method: HTTPRequest.Method?)
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        case parameter(String)
    }

    /// Where a mapped parameter's value comes from (`method.request.path.id`, `'literal'`, `context.requestId`).
    enum Source: Sendable, Equatable {
        case path(String)
        case query(String)
        case header(String)
        case literal(String)
        case requestId
    }

    let target: Target
    /// `integration.request.path.NAME` mappings, by placeholder name.
    let pathParameters: [String: Source]
    let queryParameters: [(name: String, source: Source)]
    let headerParameters: [(name: String, source: Source)]
    /// What of the integration could not be followed, for the log when the contract is loaded.
    let problems: [String]

    init(mapped url: UpstreamURL, gatewayBasePath: String) {
        target = .mapped(url, gatewayBasePath: gatewayBasePath)
        pathParameters = [:]
        queryParameters = []
        headerParameters = []
        problems = []
    }

    /// The route of `integration` when it is an HTTP integration with a `uri`; nil otherwise.
    init?(integration: APIGatewayIntegration?) {
        guard let integration, integration.isHTTP, let uri = integration.uri else { return nil }
        var problems: [String] = []
        let method = integration.httpMethod.flatMap { $0 == "ANY" ? nil : HTTPRequest.Method($0) }
        target = .integration(template: Self.pieces(of: uri), method: method)
        var path: [String: Source] = [:]
        var query: [(String, Source)] = []
        var header: [(String, Source)] = []
        for parameter in integration.requestParameters {
            guard let source = Self.source(parameter.value) else {
                problems.append("request parameter '\(parameter.name)': unsupported source '\(parameter.value)'")
                continue
            }
            let name = parameter.name
            if let placeholder = name.dropping(prefix: "integration.request.path.") {
                path[placeholder] = source
            } else if let key = name.dropping(prefix: "integration.request.querystring.") {
                query.append((key, source))
            } else if let field = name.dropping(prefix: "integration.request.header.") {
                header.append((field, source))
            } else {
                problems.append("request parameter '\(name)': expected integration.request.path, querystring or header")
            }
        }
        pathParameters = path
        queryParameters = query
        headerParameters = header
        self.problems = problems
    }

    /// The method the backend is called with.
    func method(for exchange: GatewayExchange) -> HTTPRequest.Method {
        if case .integration(_, let method?) = target { return method }
        return exchange.request.method
    }

    /// The backend URL of a request: path and query.
    func url(for exchange: GatewayExchange) -> String {
        var url: String
        var query = exchange.query
        switch target {
        case .mapped(let upstream, let gatewayBasePath):
            var path = exchange.path
            if !gatewayBasePath.isEmpty, path.hasPrefix(gatewayBasePath) { path.removeFirst(gatewayBasePath.count) }
            if !path.hasPrefix("/") { path = "/" + path }
            url = upstream.origin + upstream.basePath + path
        case .integration(let template, _):
            url = ""
            for piece in template {
                switch piece {
                case .text(let text): url += text
                case .parameter(let name):
                    if let source = pathParameters[name], let mapped = value(of: source, in: exchange) {
                        url += mapped
                    } else {
                        url += exchange.captures[name] ?? exchange.captures[name + "+"] ?? ""
                    }
                }
            }
        }
        for (name, source) in queryParameters {
            guard let value = value(of: source, in: exchange) else { continue }
            let pair = Self.queryEncoded(name) + "=" + Self.queryEncoded(value)
            query = query.isEmpty ? pair : query + "&" + pair
        }
        return query.isEmpty ? url : url + "?" + query
    }

    /// The integration's mapped header values for a request.
    func headers(for exchange: GatewayExchange) -> [(name: String, value: String)] {
        headerParameters.compactMap { name, source in value(of: source, in: exchange).map { (name, $0) } }
    }

    func value(of source: Source, in exchange: GatewayExchange) -> String? {
        switch source {
        case .path(let name): return exchange.captures[name]
        case .query(let name):
            return PresentedCredentials(headers: exchange.headers, query: exchange.query).queryValues(name).first
        case .header(let name):
            return PresentedCredentials(headers: exchange.headers, query: "").headerValues(name).first
        case .literal(let text): return text
        case .requestId: return exchange.requestId
        }
    }

    static func source(_ text: String) -> Source? {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            return .literal(String(text.dropFirst().dropLast()))
        }
        if text == "context.requestId" { return .requestId }
        if let name = text.dropping(prefix: "method.request.path.") { return .path(name) }
        if let name = text.dropping(prefix: "method.request.querystring.") { return .query(name) }
        if let name = text.dropping(prefix: "method.request.header.") { return .header(name) }
        return nil
    }

    /// `http://backend/pets/{id}` → text, parameter `id`; `{proxy+}` is the parameter `proxy`.
    static func pieces(of uri: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(uri)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            var name = String(rest[rest.index(after: open)..<close])
            if name.hasSuffix("+") { name.removeLast() }
            pieces.append(.parameter(name))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    static let queryAllowed: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return allowed
    }()

    static func queryEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }
}

extension String {
    /// The rest of the string after `prefix`, or nil when it does not start with it.
    fileprivate func dropping(prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
