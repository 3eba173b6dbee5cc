import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import Testing

/// A store that fails: writes are refused with the error a read-only SQLite file gives, reads work.
///
/// Tests may run as root, for whom a read-only file is still writable, so the fault is injected here; the
/// full-disk case runs against a real file in the CLI tests (a file-size limit holds for root too).
struct ReadOnlyStore: TableStore {
    let base = MemoryTableStore()
    let failure = TableStoreError(code: .storageFailure, message: "the store file is read-only")

    func createTable(_ definition: TableDefinition) async throws -> Bool { try await base.createTable(definition) }
    func describeTable(_ name: String) async throws -> TableDefinition? { try await base.describeTable(name) }
    func listTables() async throws -> [TableDefinition] { await base.listTables() }
    func deleteTable(_ name: String) async throws { throw failure }
    func getItem(table: String, key: ItemKey) async throws -> JSONObject? {
        try await base.getItem(table: table, key: key)
    }
    func putItem(table: String, item: JSONObject, condition: Condition?) async throws -> JSONObject? {
        throw failure
    }
    func updateItem(table: String, key: ItemKey, actions: [UpdateAction], condition: Condition?) async throws
        -> JSONObject
    {
        throw failure
    }
    func deleteItem(table: String, key: ItemKey, condition: Condition?) async throws -> JSONObject? {
        throw failure
    }
    func query(table: String, _ query: TableQuery) async throws -> ItemPage {
        try await base.query(table: table, query)
    }
    func scan(table: String, limit: Int?, cursor: TableCursor?) async throws -> ItemPage {
        try await base.scan(table: table, limit: limit, cursor: cursor)
    }
    func transactWrite(_ actions: [TransactionAction]) async throws { throw failure }
}

struct StoreFaultTests {
    @Test func writesToAReadOnlyStoreAre503ProblemsAndReadsGoOn() async throws {
        try await RunningGateway.with(
            spec: "specs/petstore.yaml", configuration: RunningGateway.openAccess, store: ReadOnlyStore()
        ) { gateway in
            let created = try await gateway.request(
                .POST, "/v1/pets", headers: [("Content-Type", "application/json")], body: #"{"name": "Rex"}"#)
            #expect(created.status == 503)
            // The pet store documents its other errors (`default`) as `Error`: the 503 takes that shape.
            #expect(created.headers["Content-Type"] == ["application/json"])
            #expect(created.json?["code"] == .number(JSONNumber(503)))
            #expect(
                created.json?["message"]
                    == .string("the mock store failed: storage failure: the store file is read-only"))
            #expect(try await gateway.request(.DELETE, "/v1/pets/1").status == 503)
            #expect(try await gateway.request(.GET, "/v1/pets/1").status == 404)
            #expect(try await gateway.request(.GET, "/v1/pets").status == 200)
        }
    }
}
