public import Foundation
public import GatehouseJSON
import GatehouseStore

extension HandlerContext {
    /// The item `id` of the mock table `table`, as the stateful mocks stored it (a `POST` to its collection, a seed,
    /// `gatehouse store load`) and as they answer it; nil when there is none (or mocks are stateless).
    ///
    /// `parents` are the values of the path parameters the collection is nested under (`/lists/{listId}/todos`:
    /// the list's id), outermost first. The table names are those of the start banner (`create todos`).
    public func mockItem(in table: String, id: String, under parents: [String] = []) async throws -> JSONObject? {
        guard let store, try await store.describeTable(table) != nil else { return nil }
        let item = try await store.getItem(table: table, key: mockKey(table, id: id, parents: parents))
        return item.map(Self.shown)
    }

    /// The items of the mock table `table` under `parents` (see `mockItem(in:id:under:)`), in the order the mocks
    /// list them; at most `limit`.
    public func mockItems(in table: String, under parents: [String] = [], limit: Int = 1000) async throws
        -> [JSONObject]
    {
        guard let store, limit > 0, try await store.describeTable(table) != nil else { return [] }
        var items: [JSONObject] = []
        var cursor: TableCursor?
        repeat {
            let page = try await store.query(
                table: table,
                TableQuery(
                    partition: .string(Self.partition(parents)), limit: min(100, limit - items.count), cursor: cursor))
            items += page.items.map(Self.shown)
            cursor = page.cursor
        } while cursor != nil && items.count < limit
        return items
    }

    /// Stores `item` as the item `id` of the mock table `table` under `parents`, where the mocks read it (a `GET`
    /// of the item answers it); replaces an item with that id. Throws when mocks are stateless.
    public func putMockItem(_ item: JSONObject, in table: String, id: String, under parents: [String] = []) async throws
    {
        guard let store else {
            throw TableStoreError(code: .tableNotFound, message: "mocks are stateless (--stateless): no table store")
        }
        _ = try await store.createTable(MockTables.definition(table))
        var stored = item
        stored[MockTables.partitionAttribute] = .string(Self.partition(parents))
        stored[MockTables.idAttribute] = .string(idKey(table, id: id))
        _ = try await store.putItem(table: table, item: stored, condition: nil)
    }

    /// `mockItem(in:id:under:)` decoded as `T` (a model of the generated client) with `decoder`.
    public func mockItem<T: Decodable>(
        _ type: T.Type, in table: String, id: String, under parents: [String] = [], decoder: JSONDecoder
    ) async throws -> T? {
        guard let item = try await mockItem(in: table, id: id, under: parents) else { return nil }
        return try decoder.decode(T.self, from: Data(JSONWriter.bytes(.object(item))))
    }

    /// `putMockItem(_:in:id:under:)` of `value` encoded with `encoder`, which must give a JSON object.
    public func putMockItem<T: Encodable>(
        _ value: T, in table: String, id: String, under parents: [String] = [], encoder: JSONEncoder
    ) async throws {
        guard let item = try JSONParser.parse(Array(try encoder.encode(value))).objectValue else {
            throw HandlerInputError("a '\(T.self)' is not stored as a JSON object")
        }
        try await putMockItem(item, in: table, id: id, under: parents)
    }

    func mockKey(_ table: String, id: String, parents: [String]) -> ItemKey {
        ItemKey(.string(Self.partition(parents)), .string(idKey(table, id: id)))
    }

    /// The `_id` of the item `id`: in a table of integer ids, padded as the mocks pad it.
    func idKey(_ table: String, id: String) -> String {
        MockTables.idKey(path: id, integerIds: tables?.tables[table]?.integerIds ?? false)
    }

    static func partition(_ parents: [String]) -> String {
        parents.isEmpty ? MockTables.topLevelPartition : parents.joined(separator: "/")
    }

    /// An item as clients see it: without the mock table's key attributes.
    static func shown(_ item: JSONObject) -> JSONObject {
        var item = item
        item[MockTables.partitionAttribute] = nil
        item[MockTables.idAttribute] = nil
        return item
    }
}
