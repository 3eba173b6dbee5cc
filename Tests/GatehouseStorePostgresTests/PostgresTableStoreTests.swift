import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseStorePostgres
import GatehouseTestSupport
import Testing

@Suite(.enabled(if: PostgresCluster.isAvailable, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresTableStoreTests {
    @Test(arguments: TableStoreBehaviour.all)
    func behavesLikeATableStore(_ behaviour: TableStoreBehaviour) async throws {
        try await withPostgresStore { store in
            try await behaviour.run(on: store)
        }
    }

    @Test func twoClientsIncrementingOneCounterBothCount() async throws {
        let (_, _, configuration) = try await newDatabase()
        // Two stores are two pools: two instances of the gateway on one database.
        let first = try await PostgresTableStore.open(configuration)
        let second = try await PostgresTableStore.open(configuration)
        let counters = TableDefinition(name: "counters", partitionKey: KeyAttribute("id", .string))
        try await first.createTable(counters)
        let key = ItemKey(.string("hits"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [first, second] {
                group.addTask {
                    for _ in 0..<1_000 {
                        try await store.updateItem(table: "counters", key: key, actions: [.add("count", JSONNumber(1))])
                    }
                }
            }
            try await group.waitForAll()
        }
        let counter = try await first.getItem(table: "counters", key: key)
        #expect(counter?["count"] == .number(JSONNumber(2_000)))
        await first.close()
        await second.close()
    }

    @Test func anOptimisticUpdateThatLosesTheRaceChangesNothing() async throws {
        let (_, _, configuration) = try await newDatabase()
        let first = try await PostgresTableStore.open(configuration)
        let second = try await PostgresTableStore.open(configuration)
        try await first.createTable(TableDefinition(name: "docs", partitionKey: KeyAttribute("id", .string)))
        try await first.putItem(
            table: "docs",
            item: JSONObject(["id": .string("a"), "version": .number(JSONNumber(1)), "text": .string("original")]))
        // Both read version 1; both try to save version 2; exactly one wins.
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (store, text) in [(first, "from the first"), (second, "from the second")] {
                group.addTask {
                    do {
                        try await store.updateItem(
                            table: "docs", key: ItemKey(.string("a")),
                            actions: [.set("text", .string(text)), .add("version", JSONNumber(1))],
                            condition: .equals("version", .number(JSONNumber(1))))
                        return true
                    } catch let error as TableStoreError where error.code == .conditionFailed {
                        return false
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        let saved = try await second.getItem(table: "docs", key: ItemKey(.string("a")))
        #expect(saved?["version"] == .number(JSONNumber(2)))
        #expect(saved?["text"] == .string("from the first") || saved?["text"] == .string("from the second"))
        await first.close()
        await second.close()
    }

    @Test func aTransactionRacingSingleWritesIsAllOrNothing() async throws {
        try await withPostgresStore { store in
            try await store.createTable(TableDefinition(name: "accounts", partitionKey: KeyAttribute("id", .string)))
            try await store.putItem(
                table: "accounts", item: JSONObject(["id": .string("a"), "balance": .number(JSONNumber(100))]))
            try await store.putItem(
                table: "accounts", item: JSONObject(["id": .string("b"), "balance": .number(JSONNumber(100))]))
            // 50 transfers of 1 from a to b beside 50 single deposits into a: the total moves only by deposits.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<50 {
                        try await store.transactWrite([
                            .update(
                                table: "accounts", key: ItemKey(.string("a")),
                                actions: [.add("balance", JSONNumber(-1))]),
                            .update(
                                table: "accounts", key: ItemKey(.string("b")), actions: [.add("balance", JSONNumber(1))]
                            ),
                        ])
                    }
                }
                group.addTask {
                    for _ in 0..<50 {
                        try await store.updateItem(
                            table: "accounts", key: ItemKey(.string("a")), actions: [.add("balance", JSONNumber(1))])
                    }
                }
                try await group.waitForAll()
            }
            let a = try await store.getItem(table: "accounts", key: ItemKey(.string("a")))
            let b = try await store.getItem(table: "accounts", key: ItemKey(.string("b")))
            #expect(a?["balance"] == .number(JSONNumber(100)))
            #expect(b?["balance"] == .number(JSONNumber(150)))
        }
    }

    @Test func numberKeysOrderIntegersAndDoublesExactly() async throws {
        try await withPostgresStore { store in
            try await store.createTable(
                TableDefinition(
                    name: "points", partitionKey: KeyAttribute("series", .string), sortKey: KeyAttribute("at", .number))
            )
            // 2^63 - 1024 is the double just below 2^63; the integer between it and 2^63 - 1 sorts after it.
            let values: [JSONNumber] = [
                JSONNumber(Int64.max), JSONNumber(9_223_372_036_854_774_900), JSONNumber(9.223372036854774784e18),
                JSONNumber(-0.5), JSONNumber(0), JSONNumber(1e-300), JSONNumber(Int64.min),
            ]
            for value in values {
                try await store.putItem(
                    table: "points", item: JSONObject(["series": .string("s"), "at": .number(value)]))
            }
            let page = try await store.query(table: "points", TableQuery(partition: .string("s")))
            let stored = page.items.compactMap { $0["at"]?.numberValue?.double }
            #expect(stored == stored.sorted())
            #expect(page.items.count == values.count)
            #expect(page.items[5]["at"] == .number(JSONNumber(9.223372036854774784e18)))
        }
    }
}
