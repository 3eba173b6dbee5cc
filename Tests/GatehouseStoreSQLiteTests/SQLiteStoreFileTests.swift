import Foundation
import GRDB
import GatehouseJSON
import GatehouseStore
import GatehouseStoreSQLite
import Synchronization
import Testing

/// The file behind a SQLite store: what it keeps across opens, what it refuses, what it shares between openers.
struct SQLiteStoreFileTests {
    static let counters = GatehouseStore.TableDefinition(name: "counters", partitionKey: KeyAttribute("id", .string))

    @Test func tablesAndItemsSurviveClosingAndReopening() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let first = try SQLiteTableStore(path: path)
            try await first.createTable(Self.counters)
            try await first.putItem(
                table: "counters", item: JSONObject(["id": .string("a"), "n": .number(JSONNumber(7))]))
            try first.close()

            let second = try SQLiteTableStore(path: path)
            #expect(try await second.listTables() == [Self.counters])
            let item = try await second.getItem(table: "counters", key: "a")
            #expect(item?["n"] == .number(JSONNumber(7)))
            try second.close()
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUnchanged() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/notes.txt"
            let content = Data(String(repeating: "not a database\n", count: 500).utf8)
            try content.write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: TableStoreError.self) { try SQLiteTableStore(path: path) }
            #expect(error.code == .incompatibleStore)
            #expect(
                error.description
                    == "incompatible store: the store file is not a SQLite database or is damaged; it was left unchanged"
            )
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        }
    }

    @Test func aSQLiteDatabaseOfAnotherApplicationIsRefusedAndLeftUnchanged() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/other.sqlite"
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")
            }
            try queue.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = try #require(throws: TableStoreError.self) { try SQLiteTableStore(path: path) }
            #expect(error.code == .incompatibleStore)
            #expect(error.message.contains("another application"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test func twoOpenersIncrementingOneCounterEndAtTheExactTotal() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            // Two stores on one file stand for two gateway processes: separate pools, one file lock. A long busy
            // timeout keeps a loaded machine from turning lock waits into failures.
            let configuration = SQLiteTableStore.Configuration(busyTimeout: 60)
            let stores = [
                try SQLiteTableStore(path: path, configuration: configuration),
                try SQLiteTableStore(path: path, configuration: configuration),
            ]
            try await stores[0].createTable(Self.counters)
            let increments = 1000
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores {
                    group.addTask {
                        for _ in 0..<increments {
                            try await store.updateItem(
                                table: "counters", key: "hits", actions: [.add("n", JSONNumber(1))])
                        }
                    }
                }
                try await group.waitForAll()
            }
            let counter = try await stores[1].getItem(table: "counters", key: "hits")
            #expect(counter?["n"] == .number(JSONNumber(2 * increments)))
            for store in stores { try store.close() }
        }
    }

    @Test func expiredItemsDisappearAndArePurgedByLaterWrites() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let clock = TestClock(now: 1_000)
            let store = try SQLiteTableStore(path: path, configuration: .init(), clock: { clock.now })
            let sessions = GatehouseStore.TableDefinition(
                name: "sessions",
                partitionKey: KeyAttribute("id", .string),
                timeToLiveAttribute: "expiresAt"
            )
            try await store.createTable(sessions)
            for (id, expiry) in [("short", 1_100), ("long", 5_000)] {
                try await store.putItem(
                    table: "sessions",
                    item: JSONObject(["id": .string(id), "expiresAt": .number(JSONNumber(expiry))])
                )
            }
            #expect(try await store.getItem(table: "sessions", key: "short") != nil)
            clock.now = 2_000
            #expect(try await store.getItem(table: "sessions", key: "short") == nil)
            #expect(try await store.scan(table: "sessions").items.count == 1)
            #expect(try storedIDs(path) == ["long", "short"], "reads leave the expired row")
            try await store.putItem(table: "sessions", item: JSONObject(["id": .string("other")]))
            #expect(try storedIDs(path) == ["long", "other"], "a later write purged it")
            try store.close()
        }
    }

    @Test func readersGoOnWhileAnotherConnectionHoldsTheWriteLock() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let store = try SQLiteTableStore(path: path, configuration: .init(busyTimeout: 0.2))
            try await store.createTable(Self.counters)
            try await store.putItem(
                table: "counters", item: JSONObject(["id": .string("a"), "n": .number(JSONNumber(1))]))

            // Another connection (another process, in real life) opens a write transaction and leaves it open.
            var configuration = GRDB.Configuration()
            configuration.allowsUnsafeTransactions = true
            let other = try DatabaseQueue(path: path, configuration: configuration)
            try other.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "UPDATE gatehouse_items SET item = '{\"id\":\"a\",\"n\":99}'")
            }

            let read = try await store.getItem(table: "counters", key: "a")
            #expect(read?["n"] == .number(JSONNumber(1)), "a read sees the last committed item, without waiting")
            #expect(try await store.scan(table: "counters").items.count == 1)
            let error = await #expect(throws: TableStoreError.self) {
                try await store.putItem(table: "counters", item: JSONObject(["id": .string("b")]))
            }
            #expect(error?.description == "storage failure: the store is locked by another connection")

            try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
            try other.close()
            try await store.putItem(table: "counters", item: JSONObject(["id": .string("b")]))
            #expect(try await store.scan(table: "counters").items.count == 2)
            try store.close()
        }
    }

    @Test func powerLossDurabilityStoresAndReadsTheSame() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteTableStore(
                path: directory + "/store.sqlite",
                configuration: .init(durability: .powerLoss)
            )
            try await store.createTable(Self.counters)
            try await store.updateItem(table: "counters", key: "a", actions: [.add("n", JSONNumber(1))])
            #expect(try await store.getItem(table: "counters", key: "a")?["n"] == .number(JSONNumber(1)))
            try store.close()
        }
    }

    /// The ids of the rows in the file, expired or not, read behind the store's back.
    private func storedIDs(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT json_extract(item, '$.id') AS id FROM gatehouse_items ORDER BY id")
        }
    }
}

/// A clock the test moves by hand, read by the store from any thread.
final class TestClock: Sendable {
    private let seconds: Mutex<Double>

    init(now: Double) {
        seconds = Mutex(now)
    }

    var now: Double {
        get { seconds.withLock { $0 } }
        set { seconds.withLock { $0 = newValue } }
    }
}
