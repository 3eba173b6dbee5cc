import Foundation
import GatehouseJSON
import GatehouseValidation
import Testing

@testable import GatehouseRuntime

/// The backend's answers checked against the contract: each planted violation reported in the header, the log and
/// the metrics; `--strict-responses` turns it into a 502.
struct UpstreamResponseCheckTests {
    struct Planted: Sendable, CustomStringConvertible {
        var pet: Int
        var header: String
        var logged: String
        var description: String { "pet \(pet)" }
    }

    static let planted = [
        Planted(pet: 2, header: "body/name: expected a string, found an integer 42", logged: "body/name"),
        Planted(pet: 3, header: "status: status 418 is not declared for 'getPet'", logged: "status 418"),
        Planted(pet: 4, header: "header.Content-Type: expected Content-Type 'application/json'", logged: "text/plain"),
        Planted(pet: 5, header: "header.X-Version: expected an integer, found a string 'one'", logged: "X-Version"),
    ]

    @Test(arguments: planted)
    func aPlantedViolationIsReportedInTheHeaderTheLogAndTheMetrics(_ planted: Planted) async throws {
        try await UpstreamGateway.with { gateway, backend, lines in
            let valid = try await gateway.request(.GET, "/v1/pets/1")
            #expect(valid.status == 200)
            #expect(valid.headers["Gatehouse-Contract-Violation"] == [])
            #expect(valid.headers["X-Version"] == ["1"])
            let reply = try await gateway.request(.GET, "/v1/pets/\(planted.pet)")
            // Passed on as the backend sent it, with the report.
            #expect(reply.status == (planted.pet == 3 ? 418 : 200))
            let header = try #require(reply.headers["Gatehouse-Contract-Violation"].first)
            #expect(header.hasPrefix(planted.header))
            let warning = try #require(lines.all.first { $0.hasPrefix("response breaks the contract") })
            #expect(warning.contains("operation=getPet"))
            #expect(warning.contains("source=upstream"))
            #expect(warning.contains(planted.logged))
            let metrics = try await gateway.request(.GET, "/metrics")
            #expect(
                metrics.body.contains(#"gatehouse_validation_failures_total{operation="getPet",part="response"} 1"#))
            #expect(backend.count == 2)
        }
    }

    @Test func strictResponsesTurnAViolationInto502() async throws {
        try await UpstreamGateway.with(settings: .init(strictResponses: true)) { gateway, _, _ in
            #expect(try await gateway.request(.GET, "/v1/pets/1").status == 200)
            for pet in [2, 3, 4, 5] {
                let reply = try await gateway.request(.GET, "/v1/pets/\(pet)")
                #expect(reply.status == 502)
                #expect(reply.headers["Content-Type"] == ["application/problem+json"])
                #expect(reply.json?["title"] == .string("Bad Gateway"))
                let detail = try #require(reply.json?["detail"]?.stringValue)
                #expect(detail.hasPrefix("the backend's answer breaks the contract of 'getPet': "))
            }
        }
    }

    @Test func theViolationHeaderStaysUnderOneKilobyte() async throws {
        let many = "[" + (0..<2000).map { #"{"id": "\#($0)", "name": \#($0)}"# }.joined(separator: ",") + "]"
        let long = #"[{"id": "\#(String(repeating: "x", count: 4000))", "name": "a"}]"#
        let answering = TestBackend.Answering.custom { request in .init(body: request.query == "limit=1" ? long : many)
        }
        try await UpstreamGateway.with(answering: answering) { gateway, _, lines in
            for path in ["/v1/pets", "/v1/pets?limit=1"] {
                let reply = try await gateway.request(.GET, path)
                #expect(reply.status == 200)
                let header = try #require(reply.headers["Gatehouse-Contract-Violation"].first)
                #expect(header.utf8.count <= 1000)
                #expect(header.hasPrefix("body/0/"))
            }
            // The log has every error (up to the validator's own limit).
            let warning = try #require(lines.all.first { $0.hasPrefix("response breaks the contract") })
            #expect(warning.utf8.count > 1000)
        }
    }

    @Test func mockAnswersAreNotCheckedWithoutValidateResponses() async throws {
        try await UpstreamGateway.with { gateway, _, lines in
            let health = try await gateway.request(.GET, "/v1/health")
            #expect(health.status == 200)
            #expect(lines.all.isEmpty)
        }
    }
}

/// The header's value on its own: the first error and the count, cut under 1 KB at a character boundary.
struct ContractViolationHeaderTests {
    @Test func aLongFirstErrorIsCutAndTheCountKept() {
        let issue = ValidationIssue(
            location: "body/name", keyword: "type",
            message: "expected a string, found " + String(repeating: "é", count: 900))
        let value = ContractViolationHeader.value(Array(repeating: issue, count: 3))
        #expect(value.utf8.count <= 1000)
        #expect(value.hasPrefix("body/name: expected a string, found éé"))
        #expect(value.hasSuffix("é… (and 2 more)"))
        #expect(ContractViolationHeader.value([issue], part: "request").hasPrefix("request: body/name: "))
    }
}
