import GatehouseJSON

/// Writes a problem's status, title, detail and errors into a contract's own error value (`DocumentedErrorShape`),
/// member by member, keeping each change only when the whole value still matches the schema: `{"code": 400,
/// "message": "the request does not match…"}` for a contract whose errors are `{code: integer, message: string}`.
///
/// Members are matched by name, ignoring case, `_` and `-`; an `error` object is followed one level down (the
/// `{"error": {"code": …, "message": …}}` shape). Members the contract's value does not have are not added.
struct ErrorOverlay {
    let schema: CompiledSchema
    let problem: ProblemDocument
    private var value: JSONValue = .null
    /// True when the contract's value has an `errors` member to list the issues in; else the message lists them.
    private var hasErrorList = false

    init(schema: CompiledSchema, problem: ProblemDocument) {
        self.schema = schema
        self.problem = problem
    }

    mutating func apply(to template: JSONValue) -> JSONValue {
        value = template
        guard case .object(let object) = template else { return template }
        hasErrorList = object.keys.contains { Self.normalized($0) == "errors" }
        var others: [[String]] = []
        for member in object {
            if Self.normalized(member.key) == "error", case .object(let inner) = member.value {
                for innerMember in inner where !write([member.key, innerMember.key], over: innerMember.value) {
                    others.append([member.key, innerMember.key])
                }
            } else if !write([member.key], over: member.value) {
                others.append([member.key])
            }
        }
        // What the problem did not fill came from the contract's example or the synthesizer: left out where the
        // schema allows, so the client does not read made-up values as the error.
        for path in others { keep(Self.replacing(value, at: path[...], with: nil)) }
        return value
    }

    /// Tries the problem's candidates for the member at `path` in turn and keeps the first the schema accepts; false
    /// when none was written.
    private mutating func write(_ path: [String], over current: JSONValue) -> Bool {
        for candidate in candidates(for: path[path.count - 1], current: current) {
            if candidate == current || keep(Self.replacing(value, at: path[...], with: candidate)) { return true }
        }
        return false
    }

    /// Takes `changed` when the schema accepts it.
    @discardableResult
    private mutating func keep(_ changed: JSONValue) -> Bool {
        guard schema.isValid(changed, options: DocumentedErrorShape.options) else { return false }
        value = changed
        return true
    }

    private func candidates(for key: String, current: JSONValue) -> [JSONValue] {
        let name = Self.normalized(key)
        switch current {
        case .number where Self.statusNames.contains(name):
            return [.number(JSONNumber(problem.status))]
        case .string where Self.statusNames.contains(name):
            return [.string(String(problem.status)), .string(Self.constantCase(problem.title))]
        case .string where Self.detailNames.contains(name):
            guard !hasErrorList, !problem.issues.isEmpty else { return [.string(problem.detail)] }
            let listed = problem.detail + ": " + problem.issues.map(\.description).joined(separator: "; ")
            return [.string(listed), .string(problem.detail)]
        case .string where Self.fieldNames.contains(name):
            return problem.issues.first.map { [.string(Self.field(of: $0.location))] } ?? []
        case .string where Self.titleNames.contains(name):
            return [.string(problem.title)]
        case .string where name == "type":
            return [.string(problem.type)]
        case .array where name == "errors" && !problem.issues.isEmpty:
            return [
                .array(problem.issues.map { .object(ProblemDocument.error(for: $0)) }),
                .array(problem.issues.map { .string($0.description) }),
            ]
        default:
            return []
        }
    }

    static let statusNames: Set<String> = ["status", "statuscode", "httpstatus", "httpstatuscode", "code", "errorcode"]
    static let detailNames: Set<String> = [
        "message", "detail", "details", "description", "errormessage", "errordescription", "msg", "reason",
        "errordetail",
    ]
    static let fieldNames: Set<String> = ["param", "parameter", "field", "pointer"]
    static let titleNames: Set<String> = ["title", "error", "summary", "errortitle", "errorname"]

    /// The parameter or body member an issue is about: `limit` for `query.limit`, `/items/0` for `body/items/0`.
    static func field(of location: String) -> String {
        if location.hasPrefix("body") { return String(location.dropFirst(4)) }
        guard let dot = location.firstIndex(of: ".") else { return location }
        return String(location[location.index(after: dot)...])
    }

    /// `Error_Code` and `error-code` read as `errorcode`.
    static func normalized(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// `Not Found` as `NOT_FOUND`, the way string error codes are often written.
    static func constantCase(_ title: String) -> String {
        title.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// `value` with the member at `path` replaced by `new`, or removed when `new` is nil.
    private static func replacing(_ value: JSONValue, at path: ArraySlice<String>, with new: JSONValue?) -> JSONValue {
        guard let key = path.first, case .object(var object) = value, let inner = object[key] else { return value }
        if path.count == 1 {
            object[key] = new
        } else {
            object[key] = replacing(inner, at: path.dropFirst(), with: new)
        }
        return .object(object)
    }
}
