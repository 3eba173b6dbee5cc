/// The parts of a request that parameters are read from, exactly as they arrived.
///
/// Nothing is decoded yet: path captures and the query keep their percent-encoding, because the parameter's style
/// decides which characters are delimiters and which are data.
public struct RawRequestParts: Sendable {
    /// Path template variables by name, each the raw (still percent-encoded) text the router captured.
    public var pathCaptures: [String: String]
    /// The query string without the leading `?`, or nil when the URL has none.
    public var query: String?
    /// Header fields in the order received; names compare case-insensitively.
    public var headers: [(name: String, value: String)]
    /// Cookies as `name=value` pairs; nil to read them from the `Cookie` header fields.
    public var cookies: [(name: String, value: String)]?

    public init(
        pathCaptures: [String: String] = [:],
        query: String? = nil,
        headers: [(name: String, value: String)] = [],
        cookies: [(name: String, value: String)]? = nil
    ) {
        self.pathCaptures = pathCaptures
        self.query = query
        self.headers = headers
        self.cookies = cookies
    }

    /// The values of every header field named `name` (case-insensitive), in order.
    public func headerValues(_ name: String) -> [String] {
        let lowered = name.lowercased()
        return headers.filter { $0.name.lowercased() == lowered }.map(\.value)
    }
}
