import Foundation
import GatehouseJSON
import Testing

/// `gatehouse serve` configured the container way: each option from its `GATEHOUSE_*` variable, a flag given on the
/// command line winning over it.
struct ServeEnvironmentTests {
    static let spec = GatehouseProcess.repositoryRoot + "/specs/todo.yaml"

    @Test func variablesSetTheOptionsNotGiven() async throws {
        try await withTemporaryDirectory { directory in
            // --port 0 (given by ServedGatehouse) wins over GATEHOUSE_PORT, a port the test could not listen on.
            let server = try await ServedGatehouse(
                [Self.spec],
                in: directory,
                environment: [
                    "GATEHOUSE_PORT": "1", "GATEHOUSE_STORE": "memory", "GATEHOUSE_BASE_PATH": "/v9",
                    "GATEHOUSE_CORS": "https://a.example, https://b.example", "GATEHOUSE_STATELESS": "true",
                ])
            #expect(server.port != 1)
            #expect(server.standardOutput.contains("Listening on http://127.0.0.1:\(server.port)/v9 (Ctrl-C to stop)"))
            #expect(server.standardOutput.contains("store: memory (keys and usage only; mocks are stateless)"))
            let preflight = try await server.request(
                .OPTIONS, "/v9/lists",
                headers: [("Origin", "https://b.example"), ("Access-Control-Request-Method", "GET")])
            #expect(preflight.headers["Access-Control-Allow-Origin"] == ["https://b.example"])
            #expect(try await server.request(.GET, "/v9/lists").status == 200)
            server.stop()
        }
    }

    @Test func aVariableTheOptionWouldRefuseStopsTheStart() async throws {
        try await withTemporaryDirectory { directory in
            let run = try await GatehouseProcess.run(
                ["serve", Self.spec, "--store", "memory"], in: directory,
                environment: ["GATEHOUSE_WATCH": "sometimes"])
            #expect(run.status == 64)
            #expect(
                run.stderr.contains(
                    "GATEHOUSE_WATCH: expected 1, true or yes (on) or 0, false or no (off), found 'sometimes'"),
                "\(run.stderr)")
        }
    }

    /// `--upstream` and the options that go with it, from their variables: a gateway in front of a backend
    /// configured with no option on the command line but the spec, the command line winning where it is given.
    @Test func theUpstreamOptionsReadTheirVariables() async throws {
        try await BlobBackend.with(blobSize: 1) { port in
            try await withTemporaryDirectory { directory in
                let spec = directory + "/blobs.yaml"
                try UpstreamServeTests.spec.write(toFile: spec, atomically: true, encoding: .utf8)
                let record = directory + "/record.log"
                // --upstream on the command line wins over a GATEHOUSE_UPSTREAM the option would refuse.
                let server = try await ServedGatehouse(
                    [spec, "--upstream", "http://127.0.0.1:\(port)"],
                    in: directory,
                    environment: [
                        "GATEHOUSE_STATELESS": "1", "GATEHOUSE_UPSTREAM": "ftp://nowhere",
                        "GATEHOUSE_UPSTREAM_TIMEOUT": "20", "GATEHOUSE_STRICT_RESPONSES": "yes",
                        "GATEHOUSE_MOCK_OPERATIONS": "download, upload", "GATEHOUSE_FALLBACK": "mock",
                        "GATEHOUSE_REPORT_ONLY": "true", "GATEHOUSE_RECORD": record, "GATEHOUSE_RECORD_FORMAT": "har",
                    ])
                #expect(
                    server.standardOutput.contains(
                        "upstream: http://127.0.0.1:\(port) (1 operation forwarded; on mocks: download, upload); backend answers checked, violations answered 502 (--strict-responses); mock when the backend answers 501 or is down; invalid requests forwarded (--report-only)"
                    ), "\(server.standardOutput)")
                #expect(server.standardOutput.contains("record: \(record) (har)"), "\(server.standardOutput)")
                #expect(try await server.request(.GET, "/pets/1").status == 200)
                // --strict-responses: the planted violation is answered 502.
                #expect(try await server.request(.GET, "/pets/2").status == 502)
                server.stop()
                let har = try JSONParser.parse(Array(try String(contentsOfFile: record, encoding: .utf8).utf8))
                #expect(har["log"]?["entries"]?.arrayValue?.count == 2)
            }
        }
    }

    /// A variable of an upstream option whose value the option would refuse: exit status 64, the variable, what
    /// was expected and what was found.
    @Test(arguments: [
        (
            ["GATEHOUSE_UPSTREAM": "ftp://backend"],
            "GATEHOUSE_UPSTREAM: the scheme of 'ftp://backend' is 'ftp'; expected http or https"
        ),
        (
            ["GATEHOUSE_UPSTREAM": "http://127.0.0.1:9", "GATEHOUSE_UPSTREAM_TIMEOUT": "soon"],
            "GATEHOUSE_UPSTREAM_TIMEOUT: 'soon' is not a valid value for --upstream-timeout; expected a number"
        ),
        (
            ["GATEHOUSE_UPSTREAM": "http://127.0.0.1:9", "GATEHOUSE_UPSTREAM_TIMEOUT": "0"],
            "GATEHOUSE_UPSTREAM_TIMEOUT: expected seconds above 0 and at most 86400, found '0'"
        ),
        (
            ["GATEHOUSE_UPSTREAM": "http://127.0.0.1:9", "GATEHOUSE_STRICT_RESPONSES": "maybe"],
            "GATEHOUSE_STRICT_RESPONSES: expected 1, true or yes (on) or 0, false or no (off), found 'maybe'"
        ),
        (
            ["GATEHOUSE_UPSTREAM": "http://127.0.0.1:9", "GATEHOUSE_FALLBACK": "backend"],
            "GATEHOUSE_FALLBACK: 'backend' is not a valid value for --fallback; expected mock"
        ),
        (
            ["GATEHOUSE_RECORD": "record.jsonl", "GATEHOUSE_RECORD_FORMAT": "xml"],
            "GATEHOUSE_RECORD_FORMAT: 'xml' is not a valid value for --record-format; expected jsonl or har"
        ),
        (
            ["GATEHOUSE_UPSTREAM": "http://127.0.0.1:9", "GATEHOUSE_MOCK_OPERATIONS": "download nope"],
            "error: GATEHOUSE_MOCK_OPERATIONS: the contract has no operation 'nope'"
        ),
        (
            ["GATEHOUSE_REPORT_ONLY": "1"],
            "GATEHOUSE_REPORT_ONLY: --report-only needs --upstream URL (or GATEHOUSE_UPSTREAM)"
        ),
    ])
    func anUpstreamVariableTheOptionWouldRefuseStopsTheStart(_ environment: [String: String], _ message: String)
        async throws
    {
        try await withTemporaryDirectory { directory in
            let spec = directory + "/blobs.yaml"
            try UpstreamServeTests.spec.write(toFile: spec, atomically: true, encoding: .utf8)
            let run = try await GatehouseProcess.run(
                ["serve", spec, "--port", "0", "--stateless"], in: directory, environment: environment)
            #expect(run.status == 64)
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
    }
}
