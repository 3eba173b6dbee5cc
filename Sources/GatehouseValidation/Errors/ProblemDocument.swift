public import GatehouseJSON
public import GatehouseSpec

/// An RFC 9457 problem document (`application/problem+json`): the shape of every error the gateway answers with
/// itself, and of the documents `gatehouse check` expects a contract to accept for those statuses.
///
/// Validation issues go in `errors`, one object per issue, in the common RFC 9457 form (`detail`, and a `pointer`
/// into the body or the `parameter` or `header` at fault) plus Gatehouse's own members (`location`, `keyword`,
/// `message`, `schema`):
///
/// ```json
/// {"type": "https://gatehouse.dev/problems/request-validation", "title": "Bad Request", "status": 400,
///  "detail": "the request does not match the contract of 'createPet': 1 problem",
///  "errors": [{"detail": "expected a string, found an integer 7", "pointer": "/name",
///              "location": "body/name", "keyword": "type", "message": "expected a string, found an integer 7",
///              "schema": "#/components/schemas/NewPet/properties/name/type"}]}
/// ```
public struct ProblemDocument: Sendable, Hashable {
    public var status: Int
    public var title: String
    public var detail: String
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    public var type: String
    /// The request's validation issues, when there are any.
    public var issues: [ValidationIssue]
    /// Extra members (`allowed`, `retryAfter`, `limit`).
    public var extra: JSONObject

    public static let mediaType = "application/problem+json"

    public init(
        status: Int, title: String, detail: String, type: String = "about:blank", issues: [ValidationIssue] = [],
        extra: JSONObject = JSONObject()
    ) {
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.issues = issues
        self.extra = extra
    }

    /// The document as JSON.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["type"] = .string(type)
        object["title"] = .string(title)
        object["status"] = .number(JSONNumber(status))
        object["detail"] = .string(detail)
        if !issues.isEmpty {
            object["errors"] = .array(issues.map { .object(Self.error(for: $0)) })
        }
        for member in extra { object[member.key] = member.value }
        return .object(object)
    }

    /// The document as UTF-8 JSON text.
    public var bytes: [UInt8] {
        JSONWriter.bytes(jsonValue)
    }

    /// One member of `errors`: RFC 9457's `detail` and `pointer` first (what generic problem clients read), then
    /// the parameter or header at fault, then Gatehouse's own members.
    static func error(for issue: ValidationIssue) -> JSONObject {
        var error = JSONObject()
        error["detail"] = .string(issue.message)
        switch Self.part(of: issue.location) {
        case .body(let pointer): error["pointer"] = .string(pointer)
        case .parameter(let name): error["parameter"] = .string(name)
        case .header(let name): error["header"] = .string(name)
        case .none: break
        }
        error["location"] = .string(issue.location)
        error["keyword"] = .string(issue.keyword)
        error["message"] = .string(issue.message)
        if let schema = issue.schemaLocation { error["schema"] = .string(schema.pointer.fragment) }
        return error
    }

    /// The part of a request an issue's location names.
    enum Part: Equatable {
        /// An RFC 6901 pointer into the body (`""` for the whole body).
        case body(pointer: String)
        /// A path, query or cookie parameter, by name.
        case parameter(String)
        case header(String)
    }

    /// Reads the locations the validators write: `body`, `body/items/3/name` (the rest is already a JSON pointer),
    /// `query.limit`, `path.petId`, `cookie.session`, `header.X-Trace`; a parameter with `content` adds a pointer
    /// into its value (`query.filter/a`), which the name leaves out.
    static func part(of location: String) -> Part? {
        if location == "body" { return .body(pointer: "") }
        if location.hasPrefix("body/") { return .body(pointer: String(location.dropFirst("body".count))) }
        guard let dot = location.firstIndex(of: ".") else { return nil }
        let kind = location[..<dot]
        let rest = location[location.index(after: dot)...]
        let name = String(rest.prefix { $0 != "/" })
        guard !name.isEmpty else { return nil }
        switch kind {
        case "query", "path", "cookie": return .parameter(name)
        case "header": return .header(name)
        default: return nil
        }
    }
}
