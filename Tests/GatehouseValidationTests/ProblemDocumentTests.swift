import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

/// The gateway's problem documents carry each validation issue in the common RFC 9457 form (`detail`, `pointer`)
/// and name the parameter or header at fault, next to Gatehouse's own members.
struct ProblemDocumentTests {
    struct Row: Sendable, CustomStringConvertible {
        var location: String
        /// The members that say where, as JSON text.
        var expected: String

        var description: String { location }
    }

    static let rows = [
        Row(location: "body", expected: #"{"pointer":""}"#),
        Row(location: "body/name", expected: #"{"pointer":"/name"}"#),
        Row(location: "body/items/3/a~1b", expected: #"{"pointer":"/items/3/a~1b"}"#),
        Row(location: "query.limit", expected: #"{"parameter":"limit"}"#),
        Row(location: "path.petId", expected: #"{"parameter":"petId"}"#),
        Row(location: "cookie.session", expected: #"{"parameter":"session"}"#),
        Row(location: "query.filter[status]", expected: #"{"parameter":"filter[status]"}"#),
        // A parameter with `content`: the pointer into its value is not part of the name.
        Row(location: "query.filter/a", expected: #"{"parameter":"filter"}"#),
        Row(location: "header.X-Request-Id", expected: #"{"header":"X-Request-Id"}"#),
        Row(location: "header.Content-Type", expected: #"{"header":"Content-Type"}"#),
        // Not a request part the common members can name: only Gatehouse's own members say where.
        Row(location: "status", expected: "{}"),
        Row(location: "query.", expected: "{}"),
    ]

    @Test(arguments: rows)
    func eachIssueSaysWhereInTheCommonForm(_ row: Row) throws {
        let problem = ProblemDocument(
            status: 400, title: "Bad Request", detail: "1 problem",
            issues: [ValidationIssue(location: row.location, keyword: "type", message: "expected a string")])
        let error = try #require(problem.jsonValue["errors"]?[0]?.objectValue)
        #expect(error["detail"] == .string("expected a string"))
        #expect(error["location"] == .string(row.location))
        #expect(error["keyword"] == .string("type"))
        #expect(error["message"] == .string("expected a string"))
        var placed = JSONObject()
        for key in ["pointer", "parameter", "header"] {
            if let value = error[key] { placed[key] = value }
        }
        #expect(JSONWriter.string(.object(placed)) == row.expected)
    }

    @Test func aDocumentWithoutIssuesHasNoErrorsMember() {
        var problem = ProblemDocument(status: 403, title: "Forbidden", detail: "this operation needs an API key")
        problem.extra["retryAfter"] = .number(JSONNumber(1))
        #expect(
            String(decoding: problem.bytes, as: UTF8.self)
                == #"{"type":"about:blank","title":"Forbidden","status":403,"detail":"this operation needs an API key","retryAfter":1}"#
        )
    }
}
