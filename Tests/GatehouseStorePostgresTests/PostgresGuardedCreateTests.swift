import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseTestSupport
import PostgresNIO
import Synchronization
import Testing

@testable import GatehouseStorePostgres

/// A create guarded by another item's existence (`transactWrite` of a condition check and a put) runs as one
/// statement (`GuardedInsertBatch`): creates that arrive together share it, and the guard holds against a delete of
/// the other item that runs at the same time.
@Suite(.enabled(if: PostgresCluster.isAvailable, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresGuardedCreateTests {
    private static let lists = TableDefinition(name: "lists", partitionKey: KeyAttribute("id", .string))
    private static let todos = TableDefinition(
        name: "todos", partitionKey: KeyAttribute("list", .string), sortKey: KeyAttribute("n", .number))

    private static func create(_ store: PostgresTableStore, list: String, n: Int) async throws {
        try await store.transactWrite([
            .conditionCheck(table: "lists", key: ItemKey(.string(list)), condition: .attributeExists("id")),
            .put(
                table: "todos",
                item: JSONObject(["list": .string(list), "n": .number(JSONNumber(n))]),
                condition: .attributeNotExists("list")),
        ])
    }

    /// The position of the failed action, nil when the create succeeded.
    private static func outcome(_ store: PostgresTableStore, list: String, n: Int) async throws -> Int? {
        do {
            try await create(store, list: list, n: n)
            return nil
        } catch let error as TableStoreError where error.code == .conditionFailed {
            return error.failedAction ?? -1
        }
    }

    @Test func guardedCreatesShareStatementsAndEachGetsItsOwnOutcome() async throws {
        try await withOneBatchAtATime { store in
            try await store.createTable(Self.lists)
            try await store.createTable(Self.todos)
            try await store.putItem(table: "lists", item: JSONObject(["id": .string("live")]))
            try await store.putItem(
                table: "todos", item: JSONObject(["list": .string("live"), "n": .number(JSONNumber(0))]))
            let before = store.guardedCreateStatistics
            let outcomes = try await withThrowingTaskGroup(of: (String, Int, Int?).self) { group in
                for n in 0..<30 {
                    for list in ["live", "missing"] {
                        group.addTask { (list, n, try await Self.outcome(store, list: list, n: n)) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let after = store.guardedCreateStatistics
            #expect(after.calls - before.calls == 60)
            // Fewer statements than creates: the creates that arrived during one round trip shared the next.
            #expect(after.batches - before.batches < 60)
            for (list, n, failed) in outcomes {
                // Under the missing list the check (action 0) fails; under the live one only n = 0, which is taken.
                let expected: Int? = list == "missing" ? 0 : n == 0 ? 1 : nil
                #expect(failed == expected, "\(list)/\(n)")
            }
            let stored = try await store.query(table: "todos", TableQuery(partition: .string("live"))).items
            #expect(stored.count == 30)
            #expect(try await store.query(table: "todos", TableQuery(partition: .string("missing"))).items.isEmpty)
        }
    }

    /// Another instance deletes the list in a transaction that has not committed yet: the create waits for it, and
    /// fails when it commits (nothing is written under a deleted list), or succeeds when it rolls back.
    @Test func aGuardedCreateWaitsForAnUncommittedDeleteOfItsList() async throws {
        try await withPostgresStore { store in
            try await store.createTable(Self.lists)
            try await store.createTable(Self.todos)
            for (n, commits) in [(1, true), (2, false)] {
                try await store.putItem(table: "lists", item: JSONObject(["id": .string("l")]))
                let (waited, failed) = try await store.withConnection { connection in
                    try await connection.query("BEGIN", logger: store.logger)
                    try await connection.query("DELETE FROM gatehouse_items WHERE tbl = 'lists'", logger: store.logger)
                    let done = Mutex(false)
                    let create = Task {
                        defer { done.withLock { $0 = true } }
                        return try await Self.outcome(store, list: "l", n: n)
                    }
                    // The create cannot finish before the delete's transaction ends, however slow the machine.
                    try await Task.sleep(for: .milliseconds(300))
                    let waited = !done.withLock { $0 }
                    try await connection.query(commits ? "COMMIT" : "ROLLBACK", logger: store.logger)
                    return (waited, try await create.value)
                }
                #expect(waited, "the create waited for the delete's transaction")
                let item = try await store.getItem(
                    table: "todos", key: ItemKey(.string("l"), .number(JSONNumber(n))))
                if commits {
                    #expect(failed == 0, "the list's check failed")
                    #expect(item == nil, "nothing was written under the deleted list")
                } else {
                    #expect(failed == nil, "the create succeeded")
                    #expect(item != nil)
                }
            }
        }
    }
}
