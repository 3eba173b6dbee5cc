import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseTestSupport
import PostgresNIO
import Testing

@testable import GatehouseStorePostgres

/// The store's two time limits, kept by its watchdog: an operation that gets no connection in time fails and never
/// runs, and one that runs too long has its connection closed and fails, whatever the query was doing.
struct PostgresTimeLimitTests {
    @Test func anOperationThatGetsNoConnectionInTimeFailsAndNeverRuns() async throws {
        var (_, _, configuration) = try await newDatabase()
        configuration.maximumConnections = 1
        configuration.connectionWait = .seconds(1)
        let store = try await PostgresTableStore.open(configuration)
        // The pool opens its only connection (on a loaded machine that can take longer than the wait: try again).
        try #require(await Self.runsEventually(store))
        // That connection is busy for eight seconds.
        let busy = Task {
            try await store.withConnection { connection in
                _ = try await connection.query("SELECT pg_sleep(8)", logger: store.logger).collect()
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        let late = await #expect(throws: TableStoreError.self) {
            try await store.withConnection { _ in Issue.record("the late operation ran") }
        }
        #expect(late?.code == .storageFailure)
        #expect(late?.description.contains("no connection to the PostgreSQL store") == true)
        #expect(late?.description.contains("within 1 s; it is down or unreachable") == true)
        try await busy.value
        // The pool is whole again: the next operation runs.
        #expect(await Self.runsEventually(store))
        await store.close()
    }

    @Test func readsQueuedBehindBatchesGiveUpWithinTheWaitOfTheirArrival() async throws {
        var (_, _, configuration) = try await newDatabase()
        configuration.maximumConnections = 1
        configuration.connectionWait = .seconds(2)
        configuration.batchesInFlight = 1
        let store = try await PostgresTableStore.open(configuration)
        try #require(await Self.runsEventually(store))
        try await store.createTable(TableDefinition(name: "docs", partitionKey: KeyAttribute("id", .string)))
        _ = try await store.getItem(table: "docs", key: ItemKey(.string("warm")))
        let busy = Task {
            try await store.withConnection { connection in
                _ = try await connection.query("SELECT pg_sleep(8)", logger: store.logger).collect()
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        // 100 reads: one batch leads, the rest queue behind it in batches of at most 64. Counted from each batch's
        // start, the last of three would give up after 6 s; counted from each read's arrival, all give up at about 2 s.
        let outcomes = await withTaskGroup(of: (Duration, TableStoreError?).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let started = ContinuousClock.now
                    do {
                        _ = try await store.getItem(table: "docs", key: ItemKey(.string("d\(index)")))
                        return (ContinuousClock.now - started, nil)
                    } catch {
                        return (ContinuousClock.now - started, error as? TableStoreError)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 100)
        #expect(outcomes.allSatisfy { $0.1?.code == .storageFailure })
        let longest = outcomes.map(\.0).max() ?? .zero
        // Generous against the 2 s wait (a loaded machine), and well under the 6 s of waits counted per batch.
        #expect(longest < .milliseconds(4_500), "a queued read waited \(longest)")
        try await busy.value
        await store.close()
    }

    @Test func anOperationRunningTooLongHasItsConnectionClosedAndFails() async throws {
        var (_, _, configuration) = try await newDatabase()
        configuration.operationTimeout = .seconds(1)
        let store = try await PostgresTableStore.open(configuration)
        let stuck = await #expect(throws: TableStoreError.self) {
            try await store.withConnection { connection in
                _ = try await connection.query("SELECT pg_sleep(30)", logger: store.logger).collect()
            }
        }
        #expect(stuck?.code == .storageFailure)
        #expect(stuck?.description.contains("did not answer within 1 s; the connection was closed") == true)
        // Another connection serves the next operation.
        #expect(await Self.runsEventually(store))
        await store.close()
    }

    /// A batch session holds its connection for many quick batches; the operation timeout counts from each batch's
    /// start, so a session longer than the timeout is not cut off while each of its batches is quick.
    @Test func aSessionOfQuickStepsLongerThanTheTimeoutRunsToItsEnd() async throws {
        var (_, _, configuration) = try await newDatabase()
        configuration.operationTimeout = .seconds(1)
        let store = try await PostgresTableStore.open(configuration)
        try #require(await Self.runsEventually(store))
        // Eight steps of 0.25 s: 2 s in all, each well inside the 1 s limit on a loaded machine.
        let steps = try await store.withLimitedConnection(cancellable: false, since: .now) { connection, limits in
            var steps = 0
            for _ in 0..<8 {
                limits.restart()
                _ = try await connection.query("SELECT pg_sleep(0.25)", logger: store.logger).collect()
                steps += 1
            }
            return steps
        }
        #expect(steps == 8)
        // A single step over the limit is still cut off.
        let stuck = await #expect(throws: TableStoreError.self) {
            try await store.withLimitedConnection(cancellable: false, since: .now) { connection, limits in
                limits.restart()
                _ = try await connection.query("SELECT pg_sleep(30)", logger: store.logger).collect()
            }
        }
        #expect(stuck?.description.contains("did not answer within 1 s; the connection was closed") == true)
        await store.close()
    }

    /// Whether an operation runs within a few tries (opening a connection can outlast the wait on a loaded machine).
    private static func runsEventually(_ store: PostgresTableStore) async -> Bool {
        for _ in 0..<30 where (try? await store.withConnection { _ in true }) == true {
            return true
        }
        return false
    }
}
