public import GatehouseJSON

/// One operation: a method on a path, with everything that applies to it already merged and resolved.
public struct Operation: Sendable, Hashable {
    /// The `operationId`, or one derived deterministically from the method and path (`getPetsByPetId`).
    public var id: String
    /// True when the document declared `operationId`.
    public var hasDeclaredId: Bool
    public var method: HTTPMethod
    public var path: PathTemplate
    public var summary: String?
    public var description: String?
    public var tags: [String]
    public var deprecated: Bool
    /// Path-item and operation parameters merged; the operation's win by name and location.
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    /// Responses in document order.
    public var responses: [Response]
    /// The security that applies: the operation's own when declared, else the root's. Alternatives (OR), each a
    /// set of schemes that must all be satisfied (AND); an empty requirement allows anonymous calls. Nil or empty
    /// means no security applies.
    public var security: [SecurityRequirement]?
    /// True when the operation declared `security` itself (possibly `[]`).
    public var declaresSecurity: Bool
    /// The servers that apply: the operation's, else the path item's, else the root's.
    public var servers: [Server]
    /// The operation's `x-` extensions, raw.
    public var extensions: JSONObject
    /// The gateway extensions of the operation, typed: its table, API Gateway parts and resolved credentials (empty
    /// for webhooks).
    public var gateway = OperationGateway()
    /// Where the operation object is.
    public var address: NodeAddress

    /// The response declared for an exact status code, else its range (`2XX`), else `default`.
    public func response(for status: Int) -> Response? {
        responses.first { $0.status == .code(status) }
            ?? responses.first { $0.status == .range(status / 100) }
            ?? responses.first { $0.status == .default }
    }

    public func parameters(in location: ParameterLocation) -> [Parameter] {
        parameters.filter { $0.location == location }
    }

    /// True when no security applies or one alternative is the empty requirement.
    public var allowsAnonymous: Bool {
        guard let security, !security.isEmpty else { return true }
        return security.contains { $0.schemes.isEmpty }
    }
}

/// The HTTP methods a path item can hold, in the order the specification lists them.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, Comparable {
    case get = "GET"
    case put = "PUT"
    case post = "POST"
    case delete = "DELETE"
    case options = "OPTIONS"
    case head = "HEAD"
    case patch = "PATCH"
    case trace = "TRACE"

    /// The lowercase key the path item uses.
    public var key: String { rawValue.lowercased() }

    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A path item: its template, its own parameters and its operations.
public struct PathItem: Sendable, Hashable {
    public var path: PathTemplate
    public var parameters: [Parameter]
    /// Indices into `APIModel.operations`.
    public var operationIndices: [Int]
    public var extensions: JSONObject
    /// Where the path item object is (after following a `$ref`).
    public var address: NodeAddress
    /// Where the path's key is written under `paths`.
    public var keyAddress: NodeAddress
}
