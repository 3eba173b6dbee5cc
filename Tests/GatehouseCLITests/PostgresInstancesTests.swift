import Foundation
import GatehouseJSON
import GatehouseTestSupport
import Synchronization
import Testing

/// Several `gatehouse serve` processes of the real binary on one PostgreSQL database, behaving as one gateway:
/// items, keys, quotas and seeds are shared, and an instance killed under load loses nothing it acknowledged.
/// The faults of the database itself and bad store URLs are in `PostgresInstancesTests+Faults.swift`.
// Serialized: each test runs up to three servers and a load; run side by side they starved the other suites.
@Suite(.serialized, .enabled(if: PostgresCluster.isAvailable, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresInstancesTests {
    static let todoSpec = GatehouseProcess.repositoryRoot + "/specs/todo.yaml"

    @Test func anItemCreatedOnOneInstanceIsReadListedUpdatedAndDeletedOnTheOthers() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await PostgresDatabase.create()
            // Deleting a list needs a key.
            let key = try await database.createKey(name: "ci", plan: "pro")
            let servers = try await startGateways(3, [Self.todoSpec, "--store", database.url], in: directory)
            let (a, b, c) = (servers[0], servers[1], servers[2])

            let created = try await a.send(.POST, "/api/lists", json: #"{"name": "Groceries"}"#)
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.numberValue?.int64)
            #expect(try await b.request(.GET, "/api/lists/\(id)").json?["name"] == .string("Groceries"))
            let todo = try await b.send(.POST, "/api/lists/\(id)/todos", json: #"{"title": "Milk"}"#)
            #expect(todo.status == 201)
            let todoId = try #require(todo.json?["id"]?.stringValue)

            let lists = try await c.request(.GET, "/api/lists")
            #expect(lists.status == 200)
            #expect(lists.json?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } == ["Groceries"])
            let todos = try await c.request(.GET, "/api/lists/\(id)/todos")
            #expect(todos.json?["items"]?.arrayValue?.compactMap { $0.objectValue?["title"]?.stringValue } == ["Milk"])
            #expect(try await a.request(.GET, "/api/lists/\(id)/todos/\(todoId)").json?["title"] == .string("Milk"))

            let patched = try await b.request(
                .PATCH, "/api/lists/\(id)", headers: [("Content-Type", "application/merge-patch+json")],
                body: #"{"name": "Weekend groceries"}"#)
            #expect(patched.status == 200)
            #expect(try await a.request(.GET, "/api/lists/\(id)").json?["name"] == .string("Weekend groceries"))

            #expect(try await c.request(.DELETE, "/api/lists/\(id)", headers: [("X-API-Key", key)]).status == 204)
            #expect(try await a.request(.GET, "/api/lists/\(id)").status == 404)

            // Lists created at the same time on every instance get ids of their own.
            let ids = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for (index, server) in servers.enumerated() {
                    group.addTask {
                        try await server.send(.POST, "/api/lists", json: #"{"name": "from \#(index)"}"#).json?["id"]?
                            .numberValue?.int64
                    }
                }
                return try await group.reduce(into: Set<Int64?>()) { $0.insert($1) }
            }
            #expect(ids.count == 3 && !ids.contains(nil))
            for server in servers {
                let output = await server.stopped()
                #expect(!output.contains(PostgresCluster.password))
            }
        }
    }

    @Test func aKeyCreatedAgainstTheDatabaseWorksEverywhereUntilItIsRevoked() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await PostgresDatabase.create()
            // The pro plan's throttle (100 a second) stays out of the way of the polling below.
            let key = try await database.createKey(name: "ada", plan: "pro")
            let servers = try await startGateways(3, [Self.todoSpec, "--store", database.url], in: directory)
            for server in servers {
                #expect(try await server.request(.GET, "/api/users/me", headers: [("X-API-Key", key)]).status == 200)
            }

            let revoked = try await GatehouseProcess.run(["keys", "revoke", "ada", "--store", database.url])
            #expect(revoked.stdout == "revoked key 'ada'\n")
            // Promised within a second; polled for up to ten, and the refusal required on every instance.
            var refusedBy = 0
            for server in servers {
                for _ in 0..<100 {
                    let reply = try await server.request(.GET, "/api/users/me", headers: [("X-API-Key", key)])
                    if reply.status == 403 {
                        refusedBy += 1
                        break
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(refusedBy == 3)
            for server in servers {
                let output = await server.stopped()
                #expect(!output.contains(key))
                #expect(!output.contains(PostgresCluster.password))
            }
        }
    }

    @Test func aDailyQuotaIsSharedByEveryInstance() async throws {
        try await withTemporaryDirectory { directory in
            let quota = 50
            try """
            default: metered
            plans:
              metered:
                throttle: {rate: 100000, burst: 100000}
                quota: {limit: \(quota), period: DAY}
            """.write(toFile: directory + "/plans.yaml", atomically: true, encoding: .utf8)
            let database = try await PostgresDatabase.create()
            let key = try await database.createKey(name: "shared", plan: "metered")
            let servers = try await startGateways(
                3, [Self.todoSpec, "--store", database.url, "--usage-plans", "plans.yaml"], in: directory)

            // Two clients per instance, each pausing 50 ms between calls: at most 120 calls a second in all, so
            // within half a second (five times the 100 ms in which an instance shares its counts) they send at
            // most 60. A quota counted per instance would admit 150.
            let clientsPerInstance = 2
            let pause = Duration.milliseconds(50)
            let overrunWindow = Duration.milliseconds(500)
            let clients = clientsPerInstance * servers.count
            let allowedOverrun = clients * Int(overrunWindow / pause)
            let statuses = Recorded<[Int]>([])
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<clients {
                    let server = servers[client % servers.count]
                    group.addTask {
                        // Bounded by count and by time.
                        for _ in 0..<60 where ContinuousClock.now - started < .seconds(120) {
                            let reply = try await server.request(.GET, "/api/users/me", headers: [("X-API-Key", key)])
                            statuses.value.withLock { $0.append(reply.status) }
                            try await Task.sleep(for: pause)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let all = statuses.value.withLock { $0 }
            let admitted = all.filter { $0 == 200 }.count
            #expect(Set(all) == [200, 429])
            #expect(admitted >= quota)
            #expect(admitted <= quota + allowedOverrun, "admitted \(admitted) of a quota of \(quota)")
            // Once used up, every instance refuses, saying why.
            for server in servers {
                let reply = try await server.request(.GET, "/api/users/me", headers: [("X-API-Key", key)])
                #expect(reply.status == 429)
                #expect(reply.json?["title"] == .string("Quota Exhausted"))
            }
            for server in servers { await server.stopped() }

            // Every instance added its counts on stopping: the report shows exactly the calls that were admitted.
            let today = Date().formatted(.iso8601.year().month().day())
            let usage = try await GatehouseProcess.run(
                ["keys", "usage", "--key", "shared", "--format", "csv", "--store", database.url])
            #expect(usage.stdout == "key,day,requests\r\nshared,\(today),\(admitted)\r\n")
        }
    }

    @Test func seedsAreWrittenOnceWhenThreeInstancesStartTogether() async throws {
        try await withTemporaryDirectory { directory in
            try ServeStoreTests.seedSpec.write(toFile: directory + "/notes.yaml", atomically: true, encoding: .utf8)
            try #"{"table": "notes", "item": {"id": 3, "text": "from the file"}}"#.write(
                toFile: directory + "/seed.jsonl", atomically: true, encoding: .utf8)
            let database = try await PostgresDatabase.create()
            let servers = try await startGateways(
                3, ["notes.yaml", "--seed", "seed.jsonl", "--store", database.url], in: directory)

            // Each says how many items it wrote; together, each of the three once.
            let written = try servers.map { server in
                let line = try #require(server.standardOutput.split(separator: "\n").first { $0.hasPrefix("Seeded ") })
                return try #require(Int(line.dropFirst("Seeded ".count).prefix { $0.isNumber }))
            }
            #expect(written.reduce(0, +) == 3, "\(written)")
            for server in servers {
                let texts = try await server.request(.GET, "/notes").json?.arrayValue?.compactMap {
                    $0.objectValue?["text"]?.stringValue
                }
                #expect(texts?.sorted() == ["first", "from the file", "second"])
            }
            for server in servers { await server.stopped() }
            let dump = try await GatehouseProcess.run(["store", "dump", "notes", "--store", database.url])
            #expect(dump.stdout.split(separator: "\n").count == 3)
        }
    }

    @Test func everyWriteAcknowledgedByAKilledInstanceIsReadThroughAnother() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await PostgresDatabase.create()
            let servers = try await startGateways(3, [Self.todoSpec, "--store", database.url], in: directory)
            let victim = servers[0]
            let acknowledged = Acknowledged()
            let started = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<4 {
                    group.addTask {
                        // Bounded by count and by time.
                        for request in 0..<1_000 where Date().timeIntervalSince(started) < 150 {
                            let name = "client \(client) request \(request)"
                            guard
                                let reply = try? await victim.send(.POST, "/api/lists", json: #"{"name": "\#(name)"}"#)
                            else {
                                if victim.process.isRunning { continue } else { return }
                            }
                            if reply.status == 201, let id = reply.json?["id"]?.numberValue?.int64 {
                                acknowledged.writes.withLock { $0.append((id, name)) }
                            }
                        }
                    }
                }
                group.addTask {
                    // Kill mid-load: after 200 acknowledged writes, or after 2 s once 10 were, and by 120 s at most.
                    while true {
                        let count = acknowledged.writes.withLock { $0.count }
                        let elapsed = Date().timeIntervalSince(started)
                        if count >= 200 || (count >= 10 && elapsed >= 2) || elapsed >= 120 { break }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    await victim.stopped(SIGKILL)
                }
                try await group.waitForAll()
            }
            #expect(victim.process.terminationReason == .uncaughtSignal)
            let written = acknowledged.writes.withLock { $0 }
            #expect(written.count >= 10)

            var missing: [Int64] = []
            for (index, (id, name)) in written.enumerated() {
                let reply = try await servers[1 + index % 2].request(.GET, "/api/lists/\(id)")
                if reply.status != 200 || reply.json?["name"] != .string(name) { missing.append(id) }
            }
            #expect(missing == [], "acknowledged with 201 by the killed instance but not found through another")
            for server in servers.dropFirst() { await server.stopped() }
        }
    }
}

/// A value that concurrent clients of a test record into and read.
final class Recorded<Value: Sendable>: Sendable {
    let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }
}
