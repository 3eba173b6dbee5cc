import Foundation

/// `serve --upstream URL`: the backend the gateway stands in front of, and how it treats what goes there and back.
public struct UpstreamConfiguration: Sendable {
    /// The backend's base URL; the gateway's base path is replaced by its path.
    public var url: UpstreamURL
    /// How long the backend may take to answer (to send its status and headers); 504 past it. A body that then
    /// stops for as long is cut off.
    public var timeout: Duration
    /// A backend answer that breaks the contract becomes 502 problem+json instead of going to the client.
    public var strictResponses: Bool
    /// Operations answered by their mock, by operationId (`--mock-operations`; the contract's
    /// `x-gatehouse-upstream: mock` does the same).
    public var mockOperations: Set<String>
    /// `--fallback mock`: the mock answers when the backend answers 501 or cannot be reached.
    public var fallsBackToMock: Bool
    /// `--report-only`: a request that breaks the contract is forwarded anyway; the violation is logged, counted and
    /// reported in the `Gatehouse-Contract-Violation` header.
    public var forwardsInvalidRequests: Bool
    /// A backend body up to this size is held and checked against the contract; a longer one is streamed to the
    /// client and only its status and headers are checked.
    public var bufferedBodyLimit: Int

    /// 10 MB: the largest body a managed gateway takes.
    public static let defaultBufferedBodyLimit = 10 * 1024 * 1024

    public init(
        url: UpstreamURL,
        timeout: Duration = .seconds(29),
        strictResponses: Bool = false,
        mockOperations: Set<String> = [],
        fallsBackToMock: Bool = false,
        forwardsInvalidRequests: Bool = false,
        bufferedBodyLimit: Int = UpstreamConfiguration.defaultBufferedBodyLimit
    ) {
        self.url = url
        self.timeout = timeout
        self.strictResponses = strictResponses
        self.mockOperations = mockOperations
        self.fallsBackToMock = fallsBackToMock
        self.forwardsInvalidRequests = forwardsInvalidRequests
        self.bufferedBodyLimit = bufferedBodyLimit
    }
}

/// A backend's base URL: `http://` or `https://`, a host, an optional port and path; no query or fragment.
public struct UpstreamURL: Sendable, Hashable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int?
    /// The path prefix, without a trailing slash (empty for the root).
    public let basePath: String

    /// Why a URL cannot be a backend, worded for the command line.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(_ text: String) throws(ParseError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw ParseError(description: "'\(text)' is not a URL; expected http://HOST[:PORT][/PATH]")
        }
        guard scheme == "http" || scheme == "https" else {
            throw ParseError(description: "the scheme of '\(text)' is '\(scheme)'; expected http or https")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ParseError(description: "'\(text)' has no host; expected http://HOST[:PORT][/PATH]")
        }
        guard components.query == nil, components.fragment == nil else {
            throw ParseError(description: "'\(text)' has a query or a fragment; a backend URL takes neither")
        }
        guard components.user == nil, components.password == nil else {
            throw ParseError(description: "the backend URL has credentials; pass them as headers instead")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw ParseError(description: "the port of '\(text)' must be between 1 and 65535")
        }
        self.scheme = scheme
        self.host = host
        self.port = components.port
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.basePath = path
    }

    /// `scheme://host[:port]`, the origin requests go to.
    public var origin: String {
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(bracketed)" + (port.map { ":\($0)" } ?? "")
    }

    public var description: String { origin + basePath }
}
