import GatehouseJSON
import Synchronization
import Testing

@testable import GatehouseStore

struct MemoryTableStoreTests {
    @Test(arguments: TableStoreBehaviour.all)
    func behavesLikeATableStore(_ behaviour: TableStoreBehaviour) async throws {
        try await behaviour.run(on: MemoryTableStore())
    }

    @Test func anItemDisappearsWhenItsTimeToLivePasses() async throws {
        let now = Mutex(1_000.0)
        let store = MemoryTableStore(clock: { now.withLock { $0 } })
        let sessions = TableDefinition(
            name: "sessions",
            partitionKey: KeyAttribute("id", .string),
            timeToLiveAttribute: "expiresAt"
        )
        try await store.createTable(sessions)
        try await store.putItem(
            table: "sessions",
            item: JSONObject(["id": .string("s"), "expiresAt": .number(JSONNumber(1_100))])
        )
        #expect(try await store.getItem(table: "sessions", key: "s") != nil)
        now.withLock { $0 = 1_100 }
        #expect(try await store.getItem(table: "sessions", key: "s") == nil)
        #expect(try await store.scan(table: "sessions").items.isEmpty)
    }

    @Test func expiredItemsThatAreNeverReadAreSweptByLaterWrites() async throws {
        let now = Mutex(1_000.0)
        let store = MemoryTableStore(clock: { now.withLock { $0 } })
        let sessions = TableDefinition(
            name: "sessions",
            partitionKey: KeyAttribute("id", .number),
            timeToLiveAttribute: "expiresAt"
        )
        try await store.createTable(sessions)
        for id in 0..<10 {
            try await store.putItem(
                table: "sessions",
                item: JSONObject(["id": .number(JSONNumber(id)), "expiresAt": .number(JSONNumber(1_100))])
            )
        }
        now.withLock { $0 = 2_000 }
        for id in 100..<200 {
            try await store.putItem(table: "sessions", item: JSONObject(["id": .number(JSONNumber(id))]))
        }
        #expect(await store.tables["sessions"]?.entries.count == 100)
    }
}
