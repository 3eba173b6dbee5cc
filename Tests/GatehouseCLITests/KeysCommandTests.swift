import Foundation
import Testing

/// `gatehouse keys` and `gatehouse serve` together, as a user runs them: issue a key, call the API with it, get
/// throttled, revoke it, read the usage report.
struct KeysCommandTests {
    /// A fresh folder for a store file.
    static func temporaryDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-keys-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func createListRevokeAndEnable() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = "--store=sqlite:\(directory)/store.sqlite"
        let created = try await GatehouseProcess.run(["keys", "create", "--name", "mobile-app", "--plan", "pro", store])
        #expect(created.status == 0)
        let secret = created.stdout.trimmingCharacters(in: .newlines)
        #expect(secret.range(of: #"^ghk_[A-Za-z0-9_-]{43}$"#, options: .regularExpression) != nil)
        #expect(
            created.stderr
                == "created key 'mobile-app' on plan 'pro'; it is shown only now, so store it in a safe place\n")
        _ = try await GatehouseProcess.run(["keys", "create", "--name", "ci", store])

        let list = try await GatehouseProcess.run(["keys", "list", store])
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(
            rows.map { Array($0.prefix(3)) } == [
                ["NAME", "PLAN", "STATUS"], ["ci", "-", "enabled"], ["mobile-app", "pro", "enabled"],
            ])
        #expect(!list.stdout.contains(secret))
        // Only the hash is stored: the secret appears nowhere in the store's files.
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(file)"))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file)")
        }

        #expect(
            try await GatehouseProcess.run(["keys", "revoke", "mobile-app", store]).stdout
                == "revoked key 'mobile-app'\n")
        let json = try await GatehouseProcess.run(["keys", "list", "--format", "json", store])
        #expect(json.stdout.contains(#""enabled" : false"#))
        #expect(try await GatehouseProcess.run(["keys", "enable", "mobile-app", store]).status == 0)
        #expect(
            try await GatehouseProcess.run(["keys", "list", "--format", "csv", store]).stdout.contains(
                "mobile-app,pro,enabled,"))
    }

    struct BadInput: Sendable, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var stderr: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let badInputs = [
        BadInput(
            arguments: ["keys", "create", "--name", "a b"], status: 1,
            stderr: "error: invalid key name 'a b': use 1 to 64 letters, digits, '.', '_' or '-'\n"),
        BadInput(
            arguments: ["keys", "create", "--name", "taken"], status: 1, stderr: "error: a key named 'taken' exists\n"),
        BadInput(arguments: ["keys", "revoke", "nobody"], status: 1, stderr: "error: no key named 'nobody'\n"),
        BadInput(arguments: ["keys", "enable", "nobody"], status: 1, stderr: "error: no key named 'nobody'\n"),
        BadInput(
            arguments: ["keys", "usage", "--from", "2026-13-01"], status: 64,
            stderr: "Error: --from '2026-13-01' is not a day; expected YYYY-MM-DD\n"),
    ]

    @Test(arguments: badInputs)
    func badInputIsAClearError(_ row: BadInput) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = "--store=sqlite:\(directory)/store.sqlite"
        _ = try await GatehouseProcess.run(["keys", "create", "--name", "taken", store])
        let result = try await GatehouseProcess.run(row.arguments + [store])
        #expect(result.status == row.status)
        #expect(result.stderr.hasPrefix(row.stderr), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// The README's walk-through: a key from `keys create`, the todo contract's free plan (burst 10), and a 429.
    @Test func fromKeysCreateToA429AgainstGatehouseServe() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = "--store=sqlite:\(directory)/store.sqlite"
        let secret = try await GatehouseProcess.run(["keys", "create", "--name", "ada", "--plan", "free", store]).stdout
            .trimmingCharacters(in: .newlines)
        // A plan that refills one token every ten seconds: on a loaded machine twenty calls can take seconds, and
        // todo.yaml's own free plan (5 per second) would refill faster than they arrive.
        let plans = """
            default: free
            plans:
              free:
                throttle: {rate: 0.1, burst: 10}
            """
        try plans.write(toFile: "\(directory)/plans.yaml", atomically: true, encoding: .utf8)
        let server = try ServeProcess(["specs/todo.yaml", store, "--usage-plans", "\(directory)/plans.yaml"])
        #expect(
            server.banner.contains(
                "security enforced: 2 of 11 operations need credentials; usage plans: free (default)"))

        let anonymous = try await server.request("/api/users/me")
        #expect(anonymous.status == 403)
        #expect(anonymous.headers["content-type"] == "application/problem+json")
        var statuses: [Int] = []
        var throttled: ServeProcess.Reply?
        for _ in 0..<20 {
            let reply = try await server.request("/api/users/me", headers: ["X-API-Key": secret])
            statuses.append(reply.status)
            if reply.status == 429, throttled == nil { throttled = reply }
        }
        // The plan's burst of ten, then the throttle.
        #expect(statuses.prefix(10).allSatisfy { $0 == 200 })
        #expect(Set(statuses) == [200, 429])
        #expect(throttled?.headers["retry-after"].flatMap { Int($0) }.map { (1...10).contains($0) } == true)
        #expect(throttled?.body.contains("requests per second (burst 10) is exceeded") == true)
        let first = try await server.request("/api/lists")
        #expect(first.status == 200)

        #expect(try await GatehouseProcess.run(["keys", "revoke", "ada", store]).status == 0)
        // Refused within a second: poll for up to two, and require the refusal.
        var refused = false
        for _ in 0..<20 where !refused {
            try await Task.sleep(for: .milliseconds(100))
            let status = try await server.request("/api/users/me", headers: ["X-API-Key": secret]).status
            statuses.append(status)
            refused = status == 403
        }
        #expect(refused)
        let log = server.stop()
        #expect(!log.contains(secret))

        let today = Date().formatted(.iso8601.year().month().day())
        let usage = try await GatehouseProcess.run(["keys", "usage", "--key", "ada", "--format", "csv", store])
        let accepted = statuses.filter { $0 == 200 }.count
        #expect(usage.stdout == "key,day,requests\r\nada,\(today),\(accepted)\r\n")
    }

    @Test func aCompatibleServerAnswersLikeAManagedGateway() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try ServeProcess([
            "specs/todo.yaml", "--store=sqlite:\(directory)/store.sqlite", "--api-gateway-compatible",
        ])
        defer { server.stop() }
        let refused = try await server.request("/api/lists/1", method: "DELETE", headers: ["X-API-Key": "ghk_unknown"])
        #expect(refused.status == 403)
        #expect(refused.body == #"{"message":"Forbidden"}"#)
    }

    @Test func unusableUsagePlansStopServeWithDiagnostics() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = """
            openapi: 3.1.0
            info: {title: Plans, version: '1'}
            paths: {}
            x-gatehouse-usage-plans:
              default: gold
              plans:
                free:
                  throttle: {rate: -1}
                  quota: {limit: 10, period: YEAR}
            """
        try spec.write(toFile: "\(directory)/plans.yaml", atomically: true, encoding: .utf8)
        let result = try await GatehouseProcess.run(["serve", "plans.yaml", "--store", "memory"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr.split(separator: "\n").filter { $0.contains("error:") } == [
                "plans.yaml:8:24: error: must be a number of requests per second above 0 (at most 1000000) [usage-plans]",
                "plans.yaml:9:34: error: must be DAY, WEEK or MONTH [usage-plans]",
                "plans.yaml:5:12: error: no plan named 'gold' [usage-plans]",
                "error: 'plans.yaml' has unusable usage plans; fix them before serving it",
            ])
    }
}
