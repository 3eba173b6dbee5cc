import Foundation
import GatehouseJSON
import Testing

/// The example server on the generated stubs (Examples/TodoServer), built as a user builds it and started as a child
/// process: it is the gateway `gatehouse serve` is, with the same options, store, keys and plans, and its Swift
/// handlers see the caller and the store.
struct TodoServerExampleTests {
    static let server = "TodoServerExample"
    static let spec = GatehouseProcess.repositoryRoot + "/specs/todo.yaml"

    /// Usage plans for the runs: `free` (the default) lets one call through in 100 seconds, `pro` is roomy.
    static let plans = """
        default: free
        plans:
          free:
            throttle: {rate: 0.01, burst: 1}
          pro:
            throttle: {rate: 1000, burst: 1000}
        """

    @Test func helpListsTheGatewayOptions() async throws {
        let help = try await GatehouseProcess.run(["--help"], executable: GatehouseProcess.product(Self.server))
        #expect(help.status == 0)
        for option in [
            "--spec", "--host", "--port", "--base-path", "--store", "--stateless", "--seed", "--cors",
            "--max-body-size", "--request-timeout", "--usage-plans", "--jwks", "--jwt-hs256-secret-file",
            "--no-auth", "--validate-responses", "--log-format", "--log-level", "--metrics-path", "--watch",
            "--upstream",
        ] {
            #expect(help.stdout.contains(option), "\(option) is missing from --help")
        }
    }

    @Test func anUnknownOptionIsAUsageError() async throws {
        let run = try await GatehouseProcess.run(
            ["--prot", "9090"], executable: GatehouseProcess.product(Self.server))
        #expect(run.status == 64)
        #expect(run.stderr.contains("Error: Unknown option '--prot'"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aBadEnvironmentVariableIsAUsageErrorThatNamesIt() async throws {
        try await withTemporaryDirectory { directory in
            let run = try await GatehouseProcess.run(
                ["--spec", Self.spec, "--store", "memory"], in: directory,
                executable: GatehouseProcess.product(Self.server), environment: ["GATEHOUSE_PORT": "eighty"])
            #expect(run.status == 64)
            #expect(run.stderr.contains("GATEHOUSE_PORT: 'eighty' is not a valid value for --port"), "\(run.stderr)")
        }
    }

    @Test func withoutAuthenticationTheHandlerSeesNoPrincipal() async throws {
        try await withTemporaryDirectory { directory in
            // GATEHOUSE_NO_AUTH=1 is --no-auth: every call is anonymous.
            let server = try await ServedGatehouse(
                ["--spec", Self.spec, "--store", "memory"], in: directory, environment: ["GATEHOUSE_NO_AUTH": "1"],
                server: Self.server)
            #expect(server.standardOutput.contains("security off (--no-auth)"))
            let me = try await server.request(.GET, "/api/users/me")
            #expect(me.status == 401, "\(me.body)")
            #expect(me.body.contains("who you are is known only with an API key or a bearer token"))
            server.stop()
        }
    }

    @Test func keysPlansAndTablesAreThoseOfTheCLIAndSurviveARestart() async throws {
        try await withTemporaryDirectory { directory in
            let store = "sqlite:\(directory)/store.sqlite"
            try Self.plans.write(toFile: directory + "/plans.yaml", atomically: true, encoding: .utf8)
            let pro = try await GatehouseProcess.run([
                "keys", "create", "--name", "web-app", "--plan", "pro", "--store", store,
            ])
            let free = try await GatehouseProcess.run(["keys", "create", "--name", "trial", "--store", store])
            #expect(pro.status == 0 && free.status == 0)
            let proKey = [("X-API-Key", pro.stdout.trimmingCharacters(in: .newlines))]
            let freeKey = [("X-API-Key", free.stdout.trimmingCharacters(in: .newlines))]
            // The plans come from GATEHOUSE_USAGE_PLANS, the store from --store.
            let environment = ["GATEHOUSE_USAGE_PLANS": directory + "/plans.yaml"]
            let arguments = ["--spec", Self.spec, "--store", store]

            var server = try await ServedGatehouse(
                arguments, in: directory, environment: environment, server: Self.server)
            #expect(server.standardOutput.contains("Gatehouse serving 'Gatehouse To-do'"))
            #expect(server.standardOutput.contains("usage plans: free (default), pro"))
            #expect(server.standardOutput.contains("store: \(store)"))

            // A key made with `gatehouse keys create` is admitted, and the Swift handler sees its name and plan.
            let me = try await server.request(.GET, "/api/users/me", headers: proKey)
            #expect(me.status == 200, "\(me.body)")
            #expect(me.json?["displayName"]?.stringValue == "web-app")
            #expect(me.json?["plan"]?.stringValue == "pro")
            // getCurrentUser needs credentials: an anonymous call is refused by the gateway, as `serve` refuses it.
            let anonymous = try await server.request(.GET, "/api/users/me")
            #expect(anonymous.status == 403, "\(anonymous.body)")
            #expect(anonymous.body.contains("this operation needs one of: an API key in header 'X-API-Key'"))
            // A key the store does not hold is refused by the gateway before any handler.
            let unknown = try await server.request(.GET, "/api/users/me", headers: [("X-API-Key", "ghk_unknown")])
            #expect(unknown.status == 403 || unknown.status == 401, "\(unknown.body)")

            // The free plan's throttle: one call passes, the next ones are answered 429 (bounded: 5 tries).
            var statuses: [Int] = []
            for _ in 0..<5 {
                statuses.append(try await server.request(.GET, "/api/lists", headers: freeKey).status)
                if statuses.last == 429 { break }
            }
            #expect(statuses.first == 200)
            #expect(statuses.last == 429, "\(statuses)")

            // Items created through mocked operations are read by a Swift handler, which counts the list's to-dos.
            let list = try await server.send(.POST, "/api/lists", json: #"{"name": "Groceries"}"#, headers: proKey)
            #expect(list.status == 201, "\(list.body)")
            let id = try #require(list.json?["id"]?.numberValue?.int64)
            for title in ["Bread", "Milk", "Eggs"] {
                let todo = try await server.send(
                    .POST, "/api/lists/\(id)/todos", json: #"{"title": "\#(title)"}"#, headers: proKey)
                #expect(todo.status == 201, "\(todo.body)")
            }
            let read = try await server.request(.GET, "/api/lists/\(id)", headers: proKey)
            #expect(read.status == 200, "\(read.body)")
            #expect(read.json?["name"]?.stringValue == "Groceries")
            #expect(read.json?["todoCount"]?.numberValue?.int64 == 3)
            let profile = me.json?["id"]?.stringValue
            server.stop()

            // After a restart on the same store: the list, its count, the profile the handler wrote, the keys.
            server = try await ServedGatehouse(arguments, in: directory, environment: environment, server: Self.server)
            let again = try await server.request(.GET, "/api/lists/\(id)", headers: proKey)
            #expect(again.status == 200, "\(again.body)")
            #expect(again.json?["name"]?.stringValue == "Groceries")
            #expect(again.json?["todoCount"]?.numberValue?.int64 == 3)
            // The count the handler wrote back is what the mocked listLists answers.
            let lists = try await server.request(.GET, "/api/lists", headers: proKey)
            #expect(lists.status == 200, "\(lists.body)")
            #expect(lists.body.contains(#""todoCount":3"#), "\(lists.body)")
            let meAgain = try await server.request(.GET, "/api/users/me", headers: proKey)
            #expect(meAgain.json?["id"]?.stringValue == profile)
            server.stop()
        }
    }
}
