import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

struct ValidationIssueTests {
    @Test func describesItselfAsLocationThenMessage() {
        let issue = ValidationIssue(
            location: "query.limit", keyword: "maximum", message: "expected at most 100, found 500")
        #expect(issue.description == "query.limit: expected at most 100, found 500")
    }
}
