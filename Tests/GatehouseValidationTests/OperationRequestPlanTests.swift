import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

/// `OperationRequestPlan.decode(_:scope:keepingBody:)`: when nothing later reads the body, a valid JSON body is
/// checked from its bytes and not kept; whatever the body, the issues are those of `decode(_:scope:)`.
struct OperationRequestPlanTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var contentType: String
        var body: String?
        var testDescription: String { "\(contentType): \(body ?? "no body")" }
    }

    static let rows: [Row] = [
        Row(contentType: "application/json", body: #"{"name": "milk", "quantity": 2}"#),
        Row(contentType: "application/json; charset=utf-8", body: #" {"quantity": 2, "name": "m\u0069lk"} "#),
        Row(contentType: "application/json", body: #"{"name": "a very long name", "quantity": 0, "id": "x"}"#),
        Row(contentType: "application/json", body: #"{"name": "milk", "quantity": 2, "name": "eggs"}"#),
        Row(contentType: "application/json", body: #"{"name": "milk", "quantity": 2"#),
        Row(contentType: "application/json", body: nil),
        Row(contentType: "application/json; charset=iso-8859-1", body: #"{"name": "milk", "quantity": 2}"#),
        Row(contentType: "application/x-www-form-urlencoded", body: "name=milk&quantity=2"),
        Row(contentType: "text/plain", body: "milk"),
    ]

    @Test(arguments: rows)
    func issuesAreTheSameWithOrWithoutTheBody(_ row: Row) {
        let plan = RequestValidatorTests.validator.plan(for: RequestValidatorTests.model.operations[0])
        let request = RequestValidator.Request(
            pathCaptures: ["listId": "7"], query: "",
            headers: [RequestValidatorTests.trace, HeaderField(name: "Content-Type", value: row.contentType)],
            body: row.body.map { Array($0.utf8) })
        let kept = plan.decode(request, scope: RequestValidator.Scope(), keepingBody: true)
        let dropped = plan.decode(request, scope: RequestValidator.Scope(), keepingBody: false)
        #expect(dropped.issues == kept.issues)
        #expect(dropped.mediaType == kept.mediaType)
        #expect(dropped.parameters == kept.parameters)
        // The value is dropped only for a JSON body that is valid; anything else is decoded as before.
        if dropped.body == nil && kept.body != nil {
            #expect(kept.issues.isEmpty && row.contentType.hasPrefix("application/json"))
        } else {
            #expect(dropped.body == kept.body)
        }
    }

    @Test func aValidJSONBodyIsNotKept() {
        let plan = RequestValidatorTests.validator.plan(for: RequestValidatorTests.model.operations[0])
        let request = RequestValidator.Request(
            pathCaptures: ["listId": "7"], query: "",
            headers: [RequestValidatorTests.trace, HeaderField(name: "Content-Type", value: "application/json")],
            body: Array(#"{"name": "milk", "quantity": 2}"#.utf8))
        let decoded = plan.decode(request, scope: RequestValidator.Scope(), keepingBody: false)
        #expect(decoded.issues.isEmpty)
        #expect(decoded.body == nil)
        #expect(decoded.mediaType == "application/json")
        #expect(plan.decode(request, scope: RequestValidator.Scope()).body?["name"] == .string("milk"))
    }
}
