import Foundation
import GRDB
import GatehouseJSON
import GatehouseStore
import Synchronization
import Testing

@testable import GatehouseStoreSQLite

/// A write that finds the writer idle runs on its caller's thread: it must never wait there (another process's lock
/// sends it to the writer's thread), and the WAL it appends to is still checkpointed, by the writer's thread.
struct SQLiteInlineWriteTests {
    static let notes = GatehouseStore.TableDefinition(name: "notes", partitionKey: KeyAttribute("id", .string))

    @Test func aWriteBehindAnotherProcessesLockWaitsForItAndSucceeds() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let store = try SQLiteTableStore(path: path, configuration: .init(busyTimeout: 30))
            try await store.createTable(Self.notes)

            var configuration = GRDB.Configuration()
            configuration.allowsUnsafeTransactions = true
            let other = try DatabaseQueue(path: path, configuration: configuration)
            try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            let done = Atomic<Bool>(false)
            let write = Task {
                try await store.putItem(
                    table: "notes", item: JSONObject(["id": .string("waited"), "text": .string("t")]))
                done.store(true, ordering: .releasing)
            }
            // The write cannot commit while the lock is held; an inline write that failed on the lock instead of
            // handing the write to the writer's thread would have thrown by now.
            try await Task.sleep(for: .milliseconds(300))
            let finishedEarly = done.load(ordering: .acquiring)
            #expect(!finishedEarly)
            try other.inDatabase { db in try db.execute(sql: "COMMIT") }
            try other.close()
            try await write.value
            #expect(try await store.getItem(table: "notes", key: "waited")?["text"] == .string("t"))
            try store.close()
        }
    }

    @Test func writesOneAfterAnotherKeepTheWALBounded() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let store = try SQLiteTableStore(path: path)
            try await store.createTable(Self.notes)
            // 2,400 items of 8 KB: 20 MB through the WAL, five times what a checkpoint at 1,000 pages lets it hold.
            let text = JSONValue.string(String(repeating: "x", count: 8_000))
            var largest = 0
            for index in 0..<2_400 {
                try await store.putItem(table: "notes", item: JSONObject(["id": .string("n\(index)"), "text": text]))
                if index % 200 == 199 { largest = max(largest, Self.size(of: path + "-wal")) }
            }
            #expect(largest > 0)
            #expect(largest < 12_000_000, "the WAL grew to \(largest) bytes: it is not checkpointed")
            #expect(try await store.getItem(table: "notes", key: "n2399")?["text"] == text)
            try store.close()
        }
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
