import Foundation
import GatehouseStore
import GatehouseTestSupport
import NIOCore
import NIOPosix
import PostgresNIO
import Testing

@testable import GatehouseStorePostgres

/// The store never opens more connections than its limit, however many operations run at once, and serves them side
/// by side on the connections it has; a call made on an event loop runs its statement on a connection of that loop.
struct PostgresConnectionLimitTests {
    @Test(.timeLimit(.minutes(2)))
    func concurrentOperationsNeverOpenMoreConnectionsThanTheLimit() async throws {
        var (_, _, configuration) = try await newDatabase()
        configuration.maximumConnections = 3
        // Generous: on a loaded machine 24 operations of 50 ms on 3 connections may wait their turn a while.
        configuration.connectionWait = .seconds(30)
        let store = try await PostgresTableStore.open(configuration)
        // Each operation holds its connection a moment, then counts the connections open to the database.
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    try await store.withConnection { connection in
                        _ = try await connection.query("SELECT pg_sleep(0.05)", logger: store.logger).collect()
                        let rows = try await connection.query(
                            "SELECT count(*)::int4 FROM pg_stat_activity WHERE datname = current_database()",
                            logger: store.logger)
                        var count = 0
                        for try await value in rows.decode(Int.self) { count = value }
                        return count
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        await store.close()
        #expect(counts.count == 24)
        #expect(counts.allSatisfy { $0 >= 1 && $0 <= 3 }, "connections seen: \(counts)")
        // More than one connection served at once.
        #expect(counts.contains { $0 >= 2 }, "connections seen: \(counts)")
    }

    /// `gatehouse serve` runs its requests on NIO's singleton loops: a call made on one takes that loop's lane, whose
    /// connections live on the same loop, so its statement is written and answered without leaving the thread.
    @Test(.timeLimit(.minutes(2)))
    func aCallOnAnEventLoopTakesAConnectionOfThatLoop() async throws {
        try await withPostgresStore { store in
            let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
            #expect(store.lanes.lanes.count == min(loops.count, store.configuration.maximumConnections))
            for loop in loops {
                let lane = try await loop.submit { store.lanes.current }.get()
                #expect(lane.loop === loop)
                let connectionLoop = try await lane.client.withConnection { $0.eventLoop }
                #expect(connectionLoop === loop)
            }
        }
    }
}
