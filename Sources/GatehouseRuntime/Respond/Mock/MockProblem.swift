import GatehouseJSON
import GatehouseSpec
package import GatehouseValidation

/// Why the mock engine could not answer as the request asked, with the `application/problem+json` answer (RFC 9457)
/// to send instead.
///
/// The problem's `detail` follows the house style of diagnostics (lowercase, names in single quotes, no trailing
/// period), and what a client can choose from instead is also in an extension member (`declaredStatuses`,
/// `availableMediaTypes`, `availableExamples`) so tools need not parse the sentence.
package struct MockProblem: Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, with what the client could have asked for.
    package enum Kind: Sendable, Hashable {
        /// `Prefer: code=N` names a status the operation does not declare (HTTP 400).
        case undeclaredStatus(requested: Int, declared: [String])
        /// A preference the engine understands has a value it cannot use, such as `code=abc` (HTTP 400).
        case invalidPreference(preference: String, expected: String)
        /// `Prefer: example=NAME` names no example of the chosen response and media type (HTTP 400).
        case unknownExample(name: String, available: [String])
        /// No declared media type is acceptable to the `Accept` header (HTTP 406).
        case notAcceptable(accept: String, available: [String])
        /// The operation declares no 2XX or `default` response, so there is no success to mock (HTTP 501).
        case noSuccessResponse(declared: [String])
        /// The contract has no valid body for the chosen response: its examples break the schema and no instance
        /// could be synthesized, or the named example breaks it (HTTP 500).
        case noValidBody(reason: String)
        /// The operation's API Gateway mock integration selects nothing it can answer with, as API Gateway would
        /// fail the request (HTTP 500).
        case integrationFailure(reason: String)
    }

    /// What went wrong.
    package var kind: Kind
    /// The operation the request was routed to.
    package var operationId: String
    /// The status to answer with.
    package var status: Int
    /// One sentence for people.
    package var detail: String

    init(_ kind: Kind, operationId: String, detail: String) {
        self.kind = kind
        self.operationId = operationId
        self.detail = detail
        switch kind {
        case .undeclaredStatus, .invalidPreference, .unknownExample: status = 400
        case .notAcceptable: status = 406
        case .noSuccessResponse: status = 501
        case .noValidBody, .integrationFailure: status = 500
        }
    }

    package var description: String { detail }

    /// The problem document. `type` is `about:blank`, so `title` is the status's reason phrase (RFC 9457 section
    /// 4.2.1).
    package var document: ProblemDocument {
        var extra = JSONObject()
        extra["operationId"] = .string(operationId)
        switch kind {
        case .undeclaredStatus(_, let declared), .noSuccessResponse(let declared):
            extra["declaredStatuses"] = .array(declared.map(JSONValue.string))
        case .unknownExample(_, let available):
            extra["availableExamples"] = .array(available.map(JSONValue.string))
        case .notAcceptable(_, let available):
            extra["availableMediaTypes"] = .array(available.map(JSONValue.string))
        case .invalidPreference, .noValidBody, .integrationFailure:
            break
        }
        return ProblemDocument(status: status, title: Self.reasonPhrase(status), detail: detail, extra: extra)
    }

    /// The `application/problem+json` answer.
    package var response: MockResponse {
        MockResponse(
            status: status,
            headers: [HeaderField(name: "Content-Type", value: ProblemDocument.mediaType)],
            body: document.bytes,
            source: .problem
        )
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 406: return "Not Acceptable"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        default: return "Error"
        }
    }
}

extension MockProblem {
    /// `'showPetById' 404` or `'showPetById' 404 application/json`: what a message is about.
    static func subject(_ operationId: String, _ status: ResponseStatus, _ mediaType: String? = nil) -> String {
        "'\(operationId)' \(status)" + (mediaType.map { " \($0)" } ?? "")
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }

    static func undeclaredStatus(_ requested: Int, operation: Operation) -> MockProblem {
        let declared = operation.responses.map(\.status.description)
        return MockProblem(
            .undeclaredStatus(requested: requested, declared: declared), operationId: operation.id,
            detail: "status \(requested) is not declared for '\(operation.id)' (declared: \(list(declared)))")
    }

    static func invalidPreference(_ preference: PreferHeader.Preference, expected: String, operationId: String)
        -> MockProblem
    {
        MockProblem(
            .invalidPreference(preference: preference.description, expected: expected), operationId: operationId,
            detail: "preference '\(preference)' is not valid: expected \(expected)")
    }

    static func unknownExample(
        _ name: String, available: [String], operationId: String, status: ResponseStatus, mediaType: String
    ) -> MockProblem {
        MockProblem(
            .unknownExample(name: name, available: available), operationId: operationId,
            detail:
                "no example named '\(name)' for \(subject(operationId, status, mediaType)) (examples: \(list(available)))"
        )
    }

    static func notAcceptable(_ accept: String, available: [String], operationId: String, status: ResponseStatus)
        -> MockProblem
    {
        MockProblem(
            .notAcceptable(accept: accept, available: available), operationId: operationId,
            detail:
                "no media type of \(subject(operationId, status)) is acceptable to 'Accept: \(accept)' (available: \(list(available)))"
        )
    }

    static func noSuccessResponse(operation: Operation) -> MockProblem {
        let declared = operation.responses.map(\.status.description)
        return MockProblem(
            .noSuccessResponse(declared: declared), operationId: operation.id,
            detail:
                "operation '\(operation.id)' declares no 2XX or default response to mock (declared: \(list(declared))); send 'Prefer: code=N' for one of them"
        )
    }

    static func noValidBody(_ reason: String, operationId: String) -> MockProblem {
        MockProblem(.noValidBody(reason: reason), operationId: operationId, detail: reason)
    }

    static func integrationFailure(_ reason: String, operationId: String) -> MockProblem {
        MockProblem(
            .integrationFailure(reason: reason), operationId: operationId,
            detail: "the mock integration of '\(operationId)' cannot answer: \(reason)")
    }
}
