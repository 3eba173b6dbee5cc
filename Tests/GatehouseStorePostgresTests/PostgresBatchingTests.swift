import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseTestSupport
import PostgresNIO
import Testing

@testable import GatehouseStorePostgres

/// Point reads and conditional creates that arrive together share one statement (`StatementBatcher`); each caller
/// still gets exactly its own answer.
@Suite(.enabled(if: PostgresCluster.isAvailable, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresBatchingTests {
    /// A table keyed by a number and a string, so both key columns of a batch are exercised.
    private static let readings = TableDefinition(
        name: "readings", partitionKey: KeyAttribute("sensor", .number), sortKey: KeyAttribute("at", .string))

    private static func key(_ sensor: Double, _ at: String) -> ItemKey {
        ItemKey(.number(JSONNumber(sensor)), .string(at))
    }

    @Test func concurrentReadsShareStatementsAndEachGetsItsOwnItem() async throws {
        try await withOneBatchAtATime { store in
            try await store.createTable(Self.readings)
            // Integers, fractions and a tiny number; two sort keys each. The ids 1000 and up are never stored.
            let sensors: [Double] = [1, 1.5, 2, 10, 0.000_000_1, -3, 42, 1e15]
            for (index, sensor) in sensors.enumerated() {
                for at in ["a", "b"] {
                    try await store.putItem(
                        table: "readings",
                        item: JSONObject([
                            "sensor": .number(JSONNumber(sensor)), "at": .string(at),
                            "value": .string("\(index)\(at)"),
                        ]))
                }
            }
            let wanted = (0..<200).map { index -> (ItemKey, String?) in
                let at = index % 3 == 0 ? "b" : "a"
                if index % 5 == 4 { return (Self.key(Double(1_000 + index), at), nil) }
                let sensor = index % sensors.count
                return (Self.key(sensors[sensor], at), "\(sensor)\(at)")
            }
            let before = store.readStatistics
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (key, value) in wanted {
                    group.addTask {
                        let item = try await store.getItem(table: "readings", key: key)
                        #expect(item?["value"]?.stringValue == value, "\(key)")
                    }
                }
                try await group.waitForAll()
            }
            let after = store.readStatistics
            #expect(after.calls - before.calls == 200)
            // Fewer statements than reads: the reads that arrived during one round trip shared the next.
            #expect(after.batches - before.batches < 200)
            // And fewer leases than statements: the batches queued behind a running one ran on its connection.
            #expect(after.sessions - before.sessions < after.batches - before.batches)
        }
    }

    /// PostgreSQL keeps a prepared statement's generic plan. Made while a new store's table is small, the batched
    /// read's plan must still look each address up in the key's index, not hash the whole table, which it would
    /// then do for every batch as the table grows.
    @Test func aBatchedReadPlannedOnASmallTableLooksEachKeyUpInTheIndex() async throws {
        try await withPostgresStore { store in
            try await store.createTable(Self.readings)
            for sensor in 1...3 {
                try await store.putItem(
                    table: "readings",
                    item: JSONObject(["sensor": .number(JSONNumber(sensor)), "at": .string("a")]))
            }
            let plan = try await store.withConnection { connection in
                try await connection.query("SET plan_cache_mode = force_generic_plan", logger: store.logger)
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "PREPARE gatehouse_plan_probe(text[], bytea[], text[], bytea[], text[]) AS "
                            + PostgresStatements.SelectBatch.sql),
                    logger: store.logger)
                let lines = try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            EXPLAIN EXECUTE gatehouse_plan_probe(ARRAY['readings'], ARRAY[''::bytea], ARRAY['1'],
                                ARRAY['\\x61'::bytea], ARRAY['0'])
                            """),
                    logger: store.logger
                ).collectAll().map { try $0.decode(String.self) }
                try await connection.query("DEALLOCATE gatehouse_plan_probe", logger: store.logger)
                try await connection.query("RESET plan_cache_mode", logger: store.logger)
                return lines.joined(separator: "\n")
            }
            #expect(plan.contains("Index Scan using gatehouse_items_pkey"), "\(plan)")
            #expect(!plan.contains("Seq Scan") && !plan.contains("Hash"), "\(plan)")
        }
    }

    @Test func concurrentCreatesOfOneItemLeaveExactlyOneWinnerEach() async throws {
        try await withOneBatchAtATime { store in
            try await store.createTable(Self.readings)
            let attempts = (0..<60).map { index in (sensor: Double(index / 2), writer: index % 2) }
            let before = store.createStatistics
            let outcomes = try await withThrowingTaskGroup(of: (Double, Int, Bool).self) { group in
                for attempt in attempts {
                    group.addTask {
                        do {
                            try await store.putItem(
                                table: "readings",
                                item: JSONObject([
                                    "sensor": .number(JSONNumber(attempt.sensor)), "at": .string("t"),
                                    "writer": .number(JSONNumber(attempt.writer)),
                                ]),
                                condition: .attributeNotExists("sensor"))
                            return (attempt.sensor, attempt.writer, true)
                        } catch let error as TableStoreError where error.code == .conditionFailed {
                            return (attempt.sensor, attempt.writer, false)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let after = store.createStatistics
            #expect(after.calls - before.calls == 60)
            #expect(after.batches - before.batches < 60)
            for sensor in 0..<30 {
                let winners = outcomes.filter { $0.0 == Double(sensor) && $0.2 }
                #expect(winners.count == 1, "sensor \(sensor): \(winners.count) creates succeeded")
                let stored = try await store.getItem(table: "readings", key: Self.key(Double(sensor), "t"))
                #expect(stored?["writer"] == winners.first.map { .number(JSONNumber($0.1)) })
            }
        }
    }

    @Test func aBatchedCreateOverAnExpiredItemReplacesIt() async throws {
        try await withOneBatchAtATime { store in
            let sessions = TableDefinition(
                name: "sessions", partitionKey: KeyAttribute("id", .string), timeToLiveAttribute: "expiresAt")
            try await store.createTable(sessions)
            let now = Date().timeIntervalSince1970
            try await store.putItem(
                table: "sessions",
                item: JSONObject([
                    "id": .string("s5"), "user": .string("old"), "expiresAt": .number(JSONNumber(now - 60)),
                ]))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await store.putItem(
                            table: "sessions",
                            item: JSONObject([
                                "id": .string("s\(index)"), "user": .string("new"),
                                "expiresAt": .number(JSONNumber(now + 3_600)),
                            ]),
                            condition: .attributeNotExists("id"))
                    }
                }
                try await group.waitForAll()
            }
            for index in 0..<20 {
                let session = try await store.getItem(table: "sessions", key: ItemKey(.string("s\(index)")))
                #expect(session?["user"] == .string("new"), "s\(index)")
                #expect(session?["expiresAt"] == .number(JSONNumber(now + 3_600)))
            }
        }
    }
}
