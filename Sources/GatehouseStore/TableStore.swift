public import GatehouseJSON

/// A key-value table store shaped like DynamoDB: tables of JSON items keyed by a partition key and an optional
/// sort key.
///
/// Every backend (memory, SQLite, later PostgreSQL) passes the same behaviour suite, `TableStoreBehaviour`, so a
/// caller can rely on these rules whatever the backend:
/// - Items are JSON objects of at most `TableStoreLimits.maximumItemSize` bytes as compact JSON. They hold their
///   key attributes; a binary key is a base64 string.
/// - Each write is atomic. A conditional write whose condition does not hold throws
///   `TableStoreError.Code.conditionFailed` and changes nothing.
/// - An item whose time-to-live attribute (a number of seconds since 1970) is in the past is absent for every
///   operation, conditions included; the backend deletes it lazily.
/// - Queries and scans return items in key order (scans by partition key, then sort key) and page with opaque
///   cursors.
/// - Errors are `TableStoreError`s whose descriptions never contain stored values.
///
/// ```swift
/// let todos = TableDefinition(
///     name: "todos", partitionKey: KeyAttribute("listId", .string), sortKey: KeyAttribute("id", .number))
/// try await store.createTable(todos)
/// // Create: 409 when it exists.
/// try await store.putItem(table: "todos", item: todo, condition: .attributeNotExists("listId"))
/// // Optimistic update: fails with conditionFailed when someone else saved version 3 first.
/// let saved = try await store.updateItem(
///     table: "todos", key: ItemKey("groceries", 7),
///     actions: [.set("done", .bool(true)), .add("version", JSONNumber(1))],
///     condition: .equals("version", .number(JSONNumber(3))))
/// // Newest first, 20 a page; hand `page.cursor?.token` to the client for the next one.
/// let page = try await store.query(
///     table: "todos", TableQuery(partition: "groceries", order: .descending, limit: 20))
/// ```
public protocol TableStore: Sendable {
    /// Creates a table. Creating a table that exists with the same definition does nothing and returns false; one
    /// that exists with another definition throws `tableConflict`.
    @discardableResult
    func createTable(_ definition: TableDefinition) async throws -> Bool

    /// The table's definition, or nil when there is no such table.
    func describeTable(_ name: String) async throws -> TableDefinition?

    /// Every table, ordered by name.
    func listTables() async throws -> [TableDefinition]

    /// Deletes a table and all its items; throws `tableNotFound` when there is no such table.
    func deleteTable(_ name: String) async throws

    /// The item with this key, or nil.
    func getItem(table: String, key: ItemKey) async throws -> JSONObject?

    /// The item with this key as the JSON text of an object, or nil: the item `getItem` reads, for a caller that
    /// compares or passes it on before (or instead of) parsing it. A backend that keeps items as JSON text answers
    /// with its stored bytes, the same bytes for as long as the item is unchanged; the default writes `getItem`'s
    /// item.
    func getItemJSON(table: String, key: ItemKey) async throws -> [UInt8]?

    /// Stores the item, replacing any item with the same key, if the condition holds for the item it replaces.
    /// Returns the replaced item.
    @discardableResult
    func putItem(table: String, item: JSONObject, condition: Condition?) async throws -> JSONObject?

    /// Applies the actions to the item with this key, starting from an item holding only the key when there is
    /// none, if the condition holds for the current item. Returns the item as stored after the update.
    @discardableResult
    func updateItem(table: String, key: ItemKey, actions: [UpdateAction], condition: Condition?) async throws
        -> JSONObject

    /// Deletes the item with this key, if the condition holds for it. Returns the deleted item, or nil when there
    /// was none.
    @discardableResult
    func deleteItem(table: String, key: ItemKey, condition: Condition?) async throws -> JSONObject?

    /// One page of the items of a partition, in sort-key order.
    func query(table: String, _ query: TableQuery) async throws -> ItemPage

    /// One page of all the items of a table, in key order.
    func scan(table: String, limit: Int?, cursor: TableCursor?) async throws -> ItemPage

    /// Applies up to `TableStoreLimits.maximumTransactionActions` actions, on distinct items, all or none. When a
    /// condition does not hold it throws `conditionFailed` naming the action, and nothing is written.
    func transactWrite(_ actions: [TransactionAction]) async throws
}

extension TableStore {
    public func getItemJSON(table: String, key: ItemKey) async throws -> [UInt8]? {
        try await getItem(table: table, key: key).map { JSONWriter.bytes(.object($0)) }
    }

    /// Stores the item unconditionally, replacing any item with the same key.
    @discardableResult
    public func putItem(table: String, item: JSONObject) async throws -> JSONObject? {
        try await putItem(table: table, item: item, condition: nil)
    }

    /// Updates the item unconditionally (see `updateItem(table:key:actions:condition:)`).
    @discardableResult
    public func updateItem(table: String, key: ItemKey, actions: [UpdateAction]) async throws -> JSONObject {
        try await updateItem(table: table, key: key, actions: actions, condition: nil)
    }

    /// Deletes the item unconditionally; returns it, or nil when there was none.
    @discardableResult
    public func deleteItem(table: String, key: ItemKey) async throws -> JSONObject? {
        try await deleteItem(table: table, key: key, condition: nil)
    }

    /// One page of a scan: the first with no cursor.
    public func scan(table: String, limit: Int? = nil) async throws -> ItemPage {
        try await scan(table: table, limit: limit, cursor: nil)
    }
}
