import GRDB
public import GatehouseJSON
public import GatehouseStore

extension SQLiteTableStore {
    public func getItem(table: String, key: ItemKey) async throws -> JSONObject? {
        let now = clock()
        return try readStatement { db in
            let definition = try self.table(db, table)
            try ItemRules(definition).validate(key)
            return try Self.current(db, table: table, key: key, now: now)
        }
    }

    @discardableResult
    public func putItem(table: String, item: JSONObject, condition: Condition?) async throws -> JSONObject? {
        try await perform([.put(table: table, item: item, condition: condition)], single: true).old
    }

    @discardableResult
    public func updateItem(
        table: String,
        key: ItemKey,
        actions: [UpdateAction],
        condition: Condition?
    ) async throws -> JSONObject {
        let result = try await perform(
            [.update(table: table, key: key, actions: actions, condition: condition)],
            single: true
        )
        // An update always stores an item, so `new` is set.
        return result.new!
    }

    @discardableResult
    public func deleteItem(table: String, key: ItemKey, condition: Condition?) async throws -> JSONObject? {
        try await perform([.delete(table: table, key: key, condition: condition)], single: true).old
    }

    public func transactWrite(_ actions: [TransactionAction]) async throws {
        _ = try await perform(actions, single: false)
    }

    /// Resolves and applies the writes in one write transaction: every condition is checked against the items as
    /// they are inside it, and a thrown error rolls back whatever was written. Returns the first action's old and
    /// new item.
    private func perform(
        _ actions: [TransactionAction],
        single: Bool
    ) async throws -> WriteResult {
        let now = clock()
        return try await write { db in
            let writes: [PlannedWrite]
            if single {
                writes = [try PlannedWrite(actions[0], definition: try self.table(db, actions[0].table))]
            } else {
                writes = try PlannedWrite.plan(actions) { name in try SQLiteSchema.definition(db, name: name) }
            }
            var result = WriteResult()
            var purged = Set<String>()
            for (position, write) in writes.enumerated() {
                let old = try Self.current(db, table: write.table.name, key: write.key, now: now)
                let outcome = try write.resolve(current: old)
                if position == 0 { result.old = old }
                switch outcome {
                case .unchanged:
                    break
                case .store(let stored):
                    try Self.store(db, write: write, stored: stored)
                    if position == 0 { result.new = stored.item }
                case .remove:
                    try Self.remove(db, write: write)
                }
                if write.table.timeToLiveAttribute != nil, purged.insert(write.table.name).inserted {
                    try Self.purgeExpired(db, table: write.table.name, now: now)
                }
            }
            return result
        }
    }

    struct WriteResult: Sendable {
        var old: JSONObject?
        var new: JSONObject?
    }

    /// The live item with `key`, or nil when absent or expired.
    static func current(_ db: Database, table: String, key: ItemKey, now: Double) throws -> JSONObject? {
        let statement = try db.cachedStatement(
            sql: "SELECT item, expires FROM gatehouse_items WHERE tbl = ? AND pk = ? AND sk = ?"
        )
        let arguments: StatementArguments = [table, SQLiteKey.value(key.partition), SQLiteKey.sortValue(key)]
        // A cursor's row reads the statement's columns in place: the item's JSON is parsed from SQLite's own
        // buffer, with no copy of the row and no String in between.
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        guard let row = try rows.next() else { return nil }
        if ItemRules.isExpired(row[1], now: now) { return nil }
        let parsed = try row.withUnsafeData(atIndex: 0) { data in
            data.flatMap { try? JSONParser.parse(Array($0)) }?.objectValue
        }
        guard let parsed else { throw SQLiteSchema.damaged() }
        return parsed
    }

    /// The item stored as JSON text in `row["item"]`.
    static func item(from row: Row) throws -> JSONObject {
        let text: String = row["item"]
        guard let object = (try? JSONParser.parse(Array(text.utf8)))?.objectValue else {
            throw SQLiteSchema.damaged()
        }
        return object
    }

    private static func store(_ db: Database, write: PlannedWrite, stored: StoredItem) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO gatehouse_items (tbl, pk, sk, item, expires) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tbl, pk, sk) DO UPDATE SET item = excluded.item, expires = excluded.expires
                """
        )
        try statement.execute(arguments: [
            write.table.name, SQLiteKey.value(write.key.partition), SQLiteKey.sortValue(write.key), stored.json,
            stored.expiry,
        ])
    }

    private static func remove(_ db: Database, write: PlannedWrite) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM gatehouse_items WHERE tbl = ? AND pk = ? AND sk = ?")
        try statement.execute(arguments: [
            write.table.name, SQLiteKey.value(write.key.partition), SQLiteKey.sortValue(write.key),
        ])
    }

    /// Deletes a bounded batch of expired items of `table`, so expired items go away a little at every write
    /// without one write paying for all of them.
    private static func purgeExpired(_ db: Database, table: String, now: Double) throws {
        let statement = try db.cachedStatement(
            sql: """
                DELETE FROM gatehouse_items WHERE rowid IN (
                    SELECT rowid FROM gatehouse_items WHERE tbl = ? AND expires <= ? LIMIT 64
                )
                """
        )
        try statement.execute(arguments: [table, now])
    }
}
