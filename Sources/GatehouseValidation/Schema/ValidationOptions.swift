/// How an instance is validated.
public struct ValidationOptions: Sendable, Hashable {
    /// Which way a body travels, for OpenAPI's `readOnly` and `writeOnly`.
    public enum Direction: Sendable, Hashable {
        /// Client to server: `readOnly` properties must not be sent, and are not required.
        case request
        /// Server to client: `writeOnly` properties must not be returned, and are not required.
        case response
    }

    /// Whether `format` is asserted (a malformed `date-time` is an error) or only an annotation.
    public var assertFormats: Bool
    /// The direction, or nil when the instance is not a request or response body (then neither rule applies).
    public var direction: Direction?
    /// How many issues `validate` reports at most.
    public var maxIssues: Int
    /// How deeply nested an instance (counted in schema applications) may be before validation gives up on it.
    public var maxDepth: Int

    /// Options with formats asserted, no direction, at most 100 issues and 512 levels of nesting by default.
    public init(assertFormats: Bool = true, direction: Direction? = nil, maxIssues: Int = 100, maxDepth: Int = 512) {
        self.assertFormats = assertFormats
        self.direction = direction
        self.maxIssues = max(1, maxIssues)
        self.maxDepth = maxDepth
    }
}
