import Foundation
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
}
