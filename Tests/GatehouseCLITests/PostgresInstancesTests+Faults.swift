import Foundation
import GatehouseJSON
import GatehouseTestSupport
import Synchronization
import Testing

/// The database going away under load and coming back, store URLs that cannot be opened, and the password that is
/// never shown.
extension PostgresInstancesTests {
    @Test func aStoppedDatabaseIsAnswered503AndTheSameProcessRecoversWhenItIsBack() async throws {
        try await withOwnPostgresCluster { cluster in
            try await withTemporaryDirectory { directory in
                let database = try await PostgresDatabase.create(on: cluster)
                let server = try await ServedGatehouse([Self.todoSpec, "--store", database.url], in: directory)
                let first = try await server.send(.POST, "/api/lists", json: #"{"name": "Before"}"#)
                #expect(first.status == 201)
                let id = try #require(first.json?["id"]?.numberValue?.int64)

                // Writers keep going while the database stops and starts again.
                let loading = Recorded(true)
                let statuses = Recorded<Set<Int>>([])
                let started = ContinuousClock.now
                async let load: Void = withThrowingTaskGroup(of: Void.self) { group in
                    for client in 0..<2 {
                        group.addTask {
                            // Bounded by count and by time.
                            for request in 0..<5_000
                            where loading.value.withLock({ $0 }) && !Task.isCancelled
                                && ContinuousClock.now - started < .seconds(300)
                            {
                                let reply = try await server.send(
                                    .POST, "/api/lists", json: #"{"name": "client \#(client) request \#(request)"}"#)
                                statuses.value.withLock { _ = $0.insert(reply.status) }
                            }
                        }
                    }
                    try await group.waitForAll()
                }

                try await onOwnThread { try cluster.stopServer(mode: "fast") }
                // Writes and reads alike.
                let during = [
                    try await server.send(.POST, "/api/lists", json: #"{"name": "During"}"#),
                    try await server.request(.GET, "/api/lists/\(id)"),
                ]
                for reply in during {
                    #expect(reply.status == 503)
                    #expect(reply.headers["Content-Type"] == ["application/problem+json"])
                    #expect(reply.json?["status"] == .number(JSONNumber(503)))
                }
                // What needs no store is still served.
                let metrics = try await server.request(.GET, "/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.body.contains("# TYPE"))
                let anonymous = try await server.request(.GET, "/api/users/me")
                #expect(anonymous.status == 403)
                #expect(server.process.isRunning)

                try await onOwnThread { try cluster.startServer() }
                // The same process answers 2xx again without a restart: polled for up to a minute.
                var recovered = false
                for _ in 0..<120 where !recovered {
                    let write = try await server.send(.POST, "/api/lists", json: #"{"name": "After"}"#)
                    let read = try await server.request(.GET, "/api/lists/\(id)")
                    recovered = write.status == 201 && read.json?["name"] == .string("Before")
                    if !recovered { try await Task.sleep(for: .milliseconds(500)) }
                }
                loading.value.withLock { $0 = false }
                try await load
                #expect(recovered)
                #expect(server.process.isRunning)
                // Under load, every answer was a success or a 503: no 500, no dropped connection.
                let unexpected = statuses.value.withLock { $0 }.subtracting([201, 503])
                #expect(unexpected.isSubset(of: [504]))
                withKnownIssue(
                    Comment(
                        rawValue: "a write whose query is in flight as the database stops can wait on its pooled "
                            + "connection past the request timeout (504 after 29 s) instead of failing with a 503"),
                    isIntermittent: true
                ) {
                    #expect(!unexpected.contains(504))
                }

                let output = await server.stopped()
                #expect(server.process.terminationStatus == 0)
                #expect(output.contains("the table store failed; answering 503"))
                #expect(!output.contains(PostgresCluster.password))
            }
        }
    }

    /// A store URL that `serve` must refuse at start.
    enum BadStore: String, CaseIterable, CustomStringConvertible {
        case unreachableHost = "an unreachable host"
        case wrongPassword = "a wrong password"
        case foreignTables = "a database with tables that are not a store"
        case futureSchema = "a store schema from a newer Gatehouse"

        var description: String { rawValue }
    }

    @Test(arguments: BadStore.allCases)
    func aStoreThatCannotBeOpenedStopsServeAtStartAndChangesNothing(_ bad: BadStore) async throws {
        let database = try await PostgresDatabase.create()
        var url = database.url
        var shown = database.redactedURL
        let server = "the PostgreSQL store at 127.0.0.1:\(database.cluster.port)"
        let reason: String
        switch bad {
        case .unreachableHost:
            let closed = try PostgresCluster.freePort()
            url = url.replacingOccurrences(of: ":\(database.cluster.port)/", with: ":\(closed)/")
            shown = shown.replacingOccurrences(of: ":\(database.cluster.port)/", with: ":\(closed)/")
            reason = "storage failure: cannot connect to the PostgreSQL store at 127.0.0.1:\(closed): "
        case .wrongPassword:
            url = database.cluster.url(database: database.name, password: "not-the-password")
            reason = "storage failure: \(server) refused user 'gatehouse': "
        case .foreignTables:
            try await database.sql("CREATE TABLE users (id int)")
            reason =
                "incompatible store: the database holds tables that are not a Gatehouse store ('users'); use an "
                + "empty database or one Gatehouse created; nothing was changed"
        case .futureSchema:
            #expect(try await GatehouseProcess.run(["store", "tables", "--store", database.url]).status == 0)
            try await database.sql("UPDATE gatehouse_schema SET version = 99")
            reason = "incompatible store: the database holds a Gatehouse store of schema version 99; this Gatehouse "
        }
        let tablesBefore = try await database.tables()

        let result = try await GatehouseProcess.run(["serve", Self.todoSpec, "--port", "0", "--store", url])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("error: cannot open the store '\(shown)': \(reason)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.contains(PostgresCluster.password) && !result.stderr.contains("not-the-password"))
        #expect(try await database.tables() == tablesBefore)
        if bad == .futureSchema {
            #expect(try await database.sql("SELECT version FROM gatehouse_schema") == "99")
        }
    }

    @Test func serveUsesGatehouseStoreWhenStoreIsNotGivenAndNeverShowsThePassword() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await PostgresDatabase.create()
            let fromEnvironment = try await ServedGatehouse(
                [Self.todoSpec, "--log-level", "debug"], in: directory, environment: ["GATEHOUSE_STORE": database.url])
            #expect(fromEnvironment.standardOutput.contains("\n  store: \(database.redactedURL)\n"))
            #expect(try await fromEnvironment.send(.POST, "/api/lists", json: #"{"name": "Shared"}"#).status == 201)
            let output = await fromEnvironment.stopped()
            #expect(!output.contains(PostgresCluster.password))
            // Not the SQLite file of the working directory: the list is in the database.
            #expect(!FileManager.default.fileExists(atPath: directory + "/.gatehouse/store.sqlite"))
            let fromOption = try await ServedGatehouse([Self.todoSpec, "--store", database.url], in: directory)
            #expect(try await fromOption.request(.GET, "/api/lists/1").json?["name"] == .string("Shared"))
            await fromOption.stopped()
        }
    }
}
