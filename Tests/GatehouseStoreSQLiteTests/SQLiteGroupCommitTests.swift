import Foundation
import GRDB
import GatehouseJSON
import GatehouseStore
import Synchronization
import Testing

@testable import GatehouseStoreSQLite

/// Writes that arrive together share one commit: each is still acknowledged only once committed, fails alone when
/// its own condition fails, and all of them fail when the transaction does.
struct SQLiteGroupCommitTests {
    static let notes = GatehouseStore.TableDefinition(name: "notes", partitionKey: KeyAttribute("id", .string))

    static func note(_ id: String, _ text: String = "text") -> JSONObject {
        JSONObject(["id": .string(id), "text": .string(text)])
    }

    @Test func manyConcurrentWritersAreAllAcknowledgedAndReadBack() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteTableStore(path: directory + "/store.sqlite")
            try await store.createTable(Self.notes)
            let (writers, writes) = (8, 200)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for index in 0..<writes {
                            try await store.putItem(table: "notes", item: Self.note("\(writer)-\(index)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            var missing = 0
            for writer in 0..<writers {
                for index in 0..<writes
                where try await store.getItem(table: "notes", key: ItemKey(.string("\(writer)-\(index)"))) == nil {
                    missing += 1
                }
            }
            #expect(missing == 0)
            #expect(try await store.scan(table: "notes").items.count == writers * writes)
            try store.close()

            // What was acknowledged is in the file, for the next opener.
            let reopened = try SQLiteTableStore(path: directory + "/store.sqlite")
            #expect(try await reopened.scan(table: "notes").items.count == writers * writes)
            try reopened.close()
        }
    }

    @Test func aFailingConditionalWriteInABusyBatchFailsAlone() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteTableStore(path: directory + "/store.sqlite")
            try await store.createTable(Self.notes)
            try await store.putItem(table: "notes", item: Self.note("taken", "first"))

            let others = 40
            var writes: [Write] = (0..<others).map { index in
                Write("new-\(index)") { try await store.putItem(table: "notes", item: Self.note("new-\(index)")) }
            }
            // A create of an item that exists, and a transaction whose check fails: both change nothing.
            writes.append(
                Write("taken") {
                    try await store.putItem(
                        table: "notes", item: Self.note("taken", "second"), condition: .attributeNotExists("id"))
                })
            writes.append(
                Write("half") {
                    try await store.transactWrite([
                        .put(table: "notes", item: Self.note("half")),
                        .conditionCheck(table: "notes", key: "taken", condition: .attributeNotExists("id")),
                    ])
                })
            let outcomes = try await asOneBatch(writes, on: store)
            #expect(outcomes.failed.sorted() == ["half", "taken"])
            #expect(outcomes.errors.allSatisfy { $0.code == .conditionFailed })
            #expect(outcomes.succeeded.count == others)
            #expect(try await store.getItem(table: "notes", key: "taken")?["text"] == .string("first"))
            #expect(try await store.getItem(table: "notes", key: "half") == nil)
            #expect(try await store.scan(table: "notes").items.count == others + 1)
            try store.close()
        }
    }

    @Test func aConcurrentAtomicAddCounterEndsExact() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteTableStore(path: directory + "/store.sqlite")
            try await store.createTable(Self.notes)
            let (writers, increments) = (8, 200)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<writers {
                    group.addTask {
                        for _ in 0..<increments {
                            try await store.updateItem(table: "notes", key: "hits", actions: [.add("n", JSONNumber(1))])
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(
                try await store.getItem(table: "notes", key: "hits")?["n"] == .number(JSONNumber(writers * increments)))
            try store.close()
        }
    }

    @Test func whenTheTransactionFailsEveryWriteOfItThrowsAndNoneIsKept() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let store = try SQLiteTableStore(path: path, configuration: .init(busyTimeout: 0.2))
            try await store.createTable(Self.notes)

            // Another connection holds the write lock, so the writer's transactions cannot begin.
            var configuration = GRDB.Configuration()
            configuration.allowsUnsafeTransactions = true
            let other = try DatabaseQueue(path: path, configuration: configuration)
            try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
            let writes = 10
            let failures = try await withThrowingTaskGroup(of: TableStoreError?.self) { group in
                for index in 0..<writes {
                    group.addTask {
                        do {
                            try await store.putItem(table: "notes", item: Self.note("lost-\(index)"))
                            return nil
                        } catch let error as TableStoreError {
                            return error
                        }
                    }
                }
                return try await group.reduce(into: []) { errors, error in errors.append(error) }
            }
            try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
            try other.close()
            #expect(failures.count == writes)
            #expect(
                failures.allSatisfy { $0?.description == "storage failure: the store is locked by another connection" })
            #expect(try await store.scan(table: "notes").items.isEmpty)
            // The writer goes on once the lock is free.
            try await store.putItem(table: "notes", item: Self.note("after"))
            #expect(try await store.getItem(table: "notes", key: "after") != nil)
            try store.close()
        }
    }

    @Test func writesAfterCloseThrowAStorageFailure() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteTableStore(path: directory + "/store.sqlite")
            try await store.createTable(Self.notes)
            try await store.putItem(table: "notes", item: Self.note("kept"))
            try store.close()
            let write = await #expect(throws: TableStoreError.self) {
                try await store.putItem(table: "notes", item: Self.note("late"))
            }
            #expect(write?.description == "storage failure: the store is closed")
            let read = await #expect(throws: TableStoreError.self) {
                try await store.getItem(table: "notes", key: "kept")
            }
            #expect(read?.code == .storageFailure)
        }
    }

    /// A write of a batch, named for the outcome.
    struct Write: Sendable {
        var name: String
        var run: @Sendable () async throws -> Void

        init(_ name: String, _ run: @escaping @Sendable () async throws -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// What the writes of one batch did: the names of those that returned, and of those that threw, with the errors.
    struct Outcomes {
        var succeeded: [String] = []
        var failed: [String] = []
        var errors: [TableStoreError] = []
    }

    /// Holds the writer with a write of its own until every write of `writes` is queued behind it, then lets them
    /// go: they are one batch, as writes arriving together under load are.
    private func asOneBatch(_ writes: [Write], on store: SQLiteTableStore) async throws -> Outcomes {
        let held = Mutex(false)
        let release = DispatchSemaphore(value: 0)
        let holder = Task {
            try await store.writer.performQueued { _ in
                held.withLock { $0 = true }
                release.wait()
            }
        }
        // Extra signals are harmless: the holder waits once.
        defer { release.signal() }
        try await waitUntil { held.withLock { $0 } }
        var outcomes = Outcomes()
        try await withThrowingTaskGroup(of: (String, (any Error)?).self) { group in
            for write in writes {
                group.addTask {
                    do {
                        try await write.run()
                        return (write.name, nil)
                    } catch {
                        return (write.name, error)
                    }
                }
            }
            // Released before a timeout is thrown too: the group waits for its writes, queued behind the holder.
            defer { release.signal() }
            try await waitUntil { store.writer.queuedWrites == writes.count }
            release.signal()
            for try await (name, error) in group {
                if let error {
                    outcomes.failed.append(name)
                    outcomes.errors.append(try #require(error as? TableStoreError))
                } else {
                    outcomes.succeeded.append(name)
                }
            }
        }
        try await holder.value
        return outcomes
    }

    /// Waits for `condition`; the bound only catches a hang, nothing here measures time.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<60_000 where !condition() {
            try await Task.sleep(for: .milliseconds(1))
        }
        try #require(condition(), "timed out")
    }
}
