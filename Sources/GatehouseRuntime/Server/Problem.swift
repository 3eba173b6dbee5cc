import GatehouseSpec
import GatehouseValidation

/// An RFC 9457 problem document (`application/problem+json`), the shape of every error the gateway answers with.
struct Problem: Sendable {
    var status: Int
    var title: String
    var detail: String
    /// A URI naming the kind of problem; `about:blank` when the status says it all.
    var type: String = "about:blank"
    /// The request's validation issues, when there are any.
    var issues: [ValidationIssue] = []
    /// Extra members (`allowed`, `available`).
    var extra: JSONObject = JSONObject()

    static let mediaType = "application/problem+json"

    var bytes: [UInt8] {
        var object = JSONObject()
        object["type"] = .string(type)
        object["title"] = .string(title)
        object["status"] = .number(JSONNumber(status))
        object["detail"] = .string(detail)
        if !issues.isEmpty {
            object["errors"] = .array(
                issues.map { issue in
                    var error = JSONObject()
                    error["location"] = .string(issue.location)
                    error["keyword"] = .string(issue.keyword)
                    error["message"] = .string(issue.message)
                    if let schema = issue.schemaLocation { error["schema"] = .string(schema.pointer.fragment) }
                    return .object(error)
                }
            )
        }
        for member in extra { object[member.key] = member.value }
        return Array(JSONWriter.string(.object(object)).utf8)
    }
}
