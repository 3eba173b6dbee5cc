import Foundation
import GatehouseJSON
import GatehouseSpec
import Testing

/// `gatehouse validate` on traffic recorded against specs/petstore.yaml, with six planted failures.
struct ValidateCommandTests {
    static let fixtures = "Tests/GatehouseCLITests/Fixtures"

    /// Exchange index, rule and message of every planted failure; nothing else may be reported.
    static let planted: [(index: Int, rule: String, text: String)] = [
        (
            1, "request-contract",
            "GET /v1/pets (listPets): request query.limit: expected a number at most 100, found 500"
        ),
        (3, "request-contract", "POST /v1/pets (createPet): request body: missing required property 'name'"),
        (
            4, "response-contract",
            "GET /v1/pets/7 (showPetById): response body/id: expected an integer, found a string 'seven'"
        ),
        (
            5, "response-contract",
            "DELETE /v1/pets/7 (deletePet): response status: status 418 is not declared for 'deletePet' (declared: 204, 400, 403, 404)"
        ),
        (6, "unknown-route", "GET /v1/owners: request path: no operation of the contract matches 'GET /v1/owners'"),
        (
            7, "request-contract",
            "GET /v1/pets (listPets): request header.X-Request-Id: expected a 'uuid' string, found 'not-a-uuid'"
        ),
    ]

    static func errorLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map { line in
            String(line[line.range(of: ": error: ")!.upperBound...])
        }
    }

    @Test(arguments: ["petstore-traffic.jsonl", "petstore-traffic.har"])
    func textReportsThePlantedFailuresAndNothingElse(_ file: String) async throws {
        let result = try await GatehouseProcess.run([
            "validate", "specs/petstore.yaml", "--traffic", "\(Self.fixtures)/\(file)",
        ])
        #expect(result.status == 1)
        #expect(Self.errorLines(result.stderr) == Self.planted.map { "exchange \($0.index) \($0.text) [\($0.rule)]" })
        #expect(result.stdout == "\(Self.fixtures)/\(file): 8 exchanges, 6 failed\n")
        // Each failure names the schema keyword's place in the spec.
        #expect(
            result.stderr.contains(
                "specs/petstore.yaml:72:22: note: 'maximum' is declared at '#/paths/~1pets/get/parameters/0/schema/maximum'"
            ))
    }

    @Test func jsonLinesFailuresPointAtTheirLines() async throws {
        let result = try await GatehouseProcess.run([
            "validate", "specs/petstore.yaml", "--traffic", "\(Self.fixtures)/petstore-traffic.jsonl",
        ])
        let places = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map {
            $0.split(separator: ":")[1]
        }
        #expect(places == ["2", "4", "5", "6", "7", "8"])
    }

    @Test(arguments: ["petstore-traffic.jsonl", "petstore-traffic.har"])
    func jsonPrintsOneResultPerExchange(_ file: String) async throws {
        let result = try await GatehouseProcess.run([
            "validate", "specs/petstore.yaml", "--traffic", "\(Self.fixtures)/\(file)", "--format", "json",
        ])
        #expect(result.status == 1)
        let report = try JSONParser.parse(Array(result.stdout.utf8))
        let results = try #require(report["results"]?.arrayValue)
        #expect(results.map { $0["index"]?.numberValue?.int64 } == Array(0...7).map { Int64($0) })
        #expect(
            results.map { $0["operationId"]?.stringValue ?? "-" } == [
                "listPets", "listPets", "createPet", "createPet", "showPetById", "deletePet", "-", "listPets",
            ])
        #expect(results.map { $0["valid"] == .bool(true) } == [true, false, true, false, false, false, false, false])
        let limit = try #require(results[1]["errors"]?.arrayValue?.first)
        #expect(limit["part"] == .string("request"))
        #expect(limit["location"] == .string("query.limit"))
        #expect(limit["keyword"] == .string("maximum"))
        #expect(limit["schema"]?["line"] == .number(JSONNumber(72)))
        #expect(report["failed"] == .number(JSONNumber(6)))
    }

    @Test func githubAndSarifCarryTheSameFailures() async throws {
        let traffic = "\(Self.fixtures)/petstore-traffic.jsonl"
        let github = try await GatehouseProcess.run([
            "validate", "specs/petstore.yaml", "--traffic", traffic, "--format", "github",
        ])
        #expect(github.status == 1)
        let commands = github.stdout.split(separator: "\n")
        #expect(commands.count == 6)
        #expect(
            commands.first?.hasPrefix(
                "::error file=\(traffic),line=2,col=1,title=request-contract::exchange 1 GET /v1/pets") == true)

        let sarif = try await GatehouseProcess.run([
            "validate", "specs/petstore.yaml", "--traffic", traffic, "--format", "sarif",
        ])
        #expect(sarif.status == 1)
        let log = try JSONParser.parse(Array(sarif.stdout.utf8))
        let results = try #require(log["runs"]?.arrayValue?.first?["results"]?.arrayValue)
        #expect(results.compactMap { $0["ruleId"]?.stringValue } == Self.planted.map(\.rule))
        #expect(
            results.first?["relatedLocations"]?.arrayValue?.first?["physicalLocation"]?["artifactLocation"]?["uri"]
                == .string("specs/petstore.yaml"))
    }

    @Test func conformingTrafficExitsZero() async throws {
        let lines = try String(
            contentsOfFile: GatehouseProcess.repositoryRoot + "/\(Self.fixtures)/petstore-traffic.jsonl",
            encoding: .utf8
        )
        .split(separator: "\n")
        let clean = [lines[0], lines[2]].joined(separator: "\n") + "\n"
        try await withTemporaryFile(clean, named: "clean.jsonl") { path in
            let result = try await GatehouseProcess.run(["validate", "specs/petstore.yaml", "--traffic", path])
            #expect(result.status == 0)
            #expect(result.stdout == "\(path): 2 exchanges, all conform\n")
            #expect(result.stderr == "")
        }
    }

    /// A response whose body `serve --record` streamed and left out: its status and headers are checked, its body
    /// is reported as not checked (a warning, not a failure), never as missing or empty.
    @Test(arguments: [
        (
            "streamed.jsonl",
            #"{"request": {"method": "GET", "url": "http://localhost:8080/v1/pets?limit=2"}, "response": {"status": 200, "headers": {"Content-Type": "application/json", "X-Total-Count": "1"}, "bodyStreamed": true, "bodySize": 12000000}}"#
                + "\n"
        ),
        (
            "streamed.har",
            #"{"log": {"version": "1.2", "creator": {"name": "gatehouse", "version": "1"}, "entries": [{"startedDateTime": "2026-12-06T08:17:37.097Z", "time": 1, "request": {"method": "GET", "url": "http://localhost:8080/v1/pets?limit=2", "httpVersion": "HTTP/1.1", "cookies": [], "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0}, "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "cookies": [], "headers": [{"name": "Content-Type", "value": "application/json"}, {"name": "X-Total-Count", "value": "1"}], "content": {"size": 12000000, "mimeType": "application/json", "comment": "not recorded: streamed to the client past the gateway's buffer limit", "_bodyStreamed": true}, "redirectURL": "", "headersSize": -1, "bodySize": 12000000}, "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}]}}"#
        ),
        (
            // Another exporter's HAR that kept only the body's size.
            "exported.har",
            #"{"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "http://localhost:8080/v1/pets?limit=2", "headers": []}, "response": {"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}, {"name": "X-Total-Count", "value": "1"}], "content": {"size": 5000, "mimeType": "application/json"}}}]}}"#
        ),
    ])
    func aStreamedBodyTheRecordLeftOutIsReportedAsNotChecked(_ file: String, _ traffic: String) async throws {
        try await withTemporaryFile(traffic, named: file) { path in
            let result = try await GatehouseProcess.run(["validate", "specs/petstore.yaml", "--traffic", path])
            #expect(result.status == 0)
            #expect(result.stdout == "\(path): 1 exchange, all conform; 1 response body not checked (not recorded)\n")
            #expect(
                result.stderr.contains(
                    ": warning: exchange 0 GET /v1/pets (listPets): response body not checked: the record left it out (streamed past the gateway's buffer limit); its status and headers were checked [unrecorded-body]"
                ), "\(result.stderr)")
            #expect(!result.stderr.contains("error"))
        }
        // Its headers are still checked.
        let badHeader = traffic.replacingOccurrences(of: #""1"}"#, with: #""many"}"#)
        #expect(badHeader != traffic)
        try await withTemporaryFile(badHeader, named: file) { path in
            let result = try await GatehouseProcess.run(["validate", "specs/petstore.yaml", "--traffic", path])
            #expect(result.status == 1)
            #expect(
                Self.errorLines(result.stderr) == [
                    "exchange 0 GET /v1/pets (listPets): response header.X-Total-Count: expected an integer, found a string 'many' [response-contract]"
                ], "\(result.stderr)")
        }
    }

    @Test func aFileThatIsNotHARIsAClearError() async throws {
        try await withTemporaryFile(#"{"entries": []}"#, named: "capture.har") { path in
            let result = try await GatehouseProcess.run(["validate", "specs/petstore.yaml", "--traffic", path])
            #expect(result.status == 1)
            #expect(
                result.stderr.hasPrefix(
                    "\(path):1:1: error: not a HAR 1.2 file: expected an object with 'log.entries', found no 'log' member [traffic]"
                ))
        }
        try await withTemporaryFile("\u{0}\u{1}binary", named: "capture.har") { path in
            let result = try await GatehouseProcess.run(["validate", "specs/petstore.yaml", "--traffic", path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("error: the file is binary"))
        }
    }

    @Test func usageAndIOErrorsExitSixtyFour() async throws {
        #expect(try await GatehouseProcess.run(["validate", "specs/petstore.yaml"]).status == 64)
        let missing = try await GatehouseProcess.run(["validate", "specs/petstore.yaml", "--traffic", "nope.jsonl"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "error: cannot read 'nope.jsonl': no such file\n")
    }

    @Test func aBrokenSpecIsReportedBeforeAnyTraffic() async throws {
        try await withTemporaryFile("openapi: 3.0.3\ninfo: {title: T}\npaths: {}\n", named: "broken.yaml") { spec in
            let result = try await GatehouseProcess.run([
                "validate", spec, "--traffic", "\(Self.fixtures)/petstore-traffic.jsonl",
            ])
            #expect(result.status == 1)
            #expect(result.stderr.contains("missing required field 'version'"))
            #expect(result.stderr.contains("has errors; fix them (gatehouse check) before validating traffic"))
        }
    }

    func withTemporaryFile(_ text: String, named name: String, _ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gatehouse-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        try await body(path)
    }
}
