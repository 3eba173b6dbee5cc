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

    /// Whether an operation runs within a few tries (opening a connection can outlast the wait on a loaded machine).
    private static func runsEventually(_ store: PostgresTableStore) async -> Bool {
        for _ in 0..<30 where (try? await store.withConnection { _ in true }) == true {
            return true
        }
        return false
    }
}
