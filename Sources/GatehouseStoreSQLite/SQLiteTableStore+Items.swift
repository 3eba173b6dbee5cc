import GRDB
public import GatehouseJSON
public import GatehouseStore

extension SQLiteTableStore {
    public func getItem(table: String, key: ItemKey) async throws -> JSONObject? {
        try await getItemJSON(table: table, key: key).map(Self.parse)
    }

    /// The stored JSON text itself, copied from the row.
    public func getItemJSON(table: String, key: ItemKey) async throws -> [UInt8]? {
        let now = clock()
        return try readStatement { connection in
            let definition = try self.table(connection, table)
            try ItemRules(definition).validate(key)
            return try Self.currentJSON(connection, table: table, key: key, now: now)
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

    /// Resolves and applies the writes in the writer's transaction: every condition is checked against the items as
    /// they are inside it, and a thrown error rolls back whatever they wrote. Returns the first action's old and new
    /// item once the transaction has committed.
    ///
    /// Writes on tables already known are checked and encoded on the caller's thread, so the writer's thread, which
    /// every write passes through, does only the statements.
    nonisolated(nonsending) private func perform(
        _ actions: [TransactionAction],
        single: Bool
    ) async throws -> WriteResult {
        let now = clock()
        let early: [PlannedWrite]? =
            if single, let definition = cachedTable(actions[0].table) {
                [try PlannedWrite(actions[0], definition: definition)]
            } else if !single, actions.allSatisfy({ cachedTable($0.table) != nil }) {
                // Refused here (a table forgotten meanwhile, an action over a limit), it is planned again inside,
                // where it throws the same error.
                try? PlannedWrite.plan(actions) { name in self.cachedTable(name) }
            } else {
                nil
            }
        return try await write { connection in
            let writes: [PlannedWrite]
            // A table may have been deleted, or deleted and created again, since the writes were planned.
            if let early, try early.allSatisfy({ try $0.table == self.table(connection, $0.table.name) }) {
                writes = early
            } else if single {
                writes = [try PlannedWrite(actions[0], definition: try self.table(connection, actions[0].table))]
            } else {
                writes = try PlannedWrite.plan(actions) { name in try self.table(connection, name) }
            }
            var result = WriteResult()
            var purged = Set<String>()
            for (position, write) in writes.enumerated() {
                let old =
                    write.isExistenceCheck
                    ? write.presence(
                        try Self.currentJSON(connection, table: write.table.name, key: write.key, now: now) != nil)
                    : try Self.current(connection, table: write.table.name, key: write.key, now: now)
                let outcome = try write.resolve(current: old)
                if position == 0 { result.old = old }
                switch outcome {
                case .unchanged:
                    break
                case .store(let stored):
                    try Self.store(connection, write: write, stored: stored)
                    if position == 0 { result.new = stored.item }
                case .remove:
                    try Self.remove(connection, write: write)
                }
                if write.table.timeToLiveAttribute != nil, purged.insert(write.table.name).inserted {
                    try Self.purgeExpired(connection, table: write.table.name, now: now)
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
    static func current(_ connection: DirectConnection, table: String, key: ItemKey, now: Double) throws -> JSONObject?
    {
        try currentJSON(connection, table: table, key: key, now: now).map(parse)
    }

    /// An item stored as JSON text.
    static func parse(_ json: [UInt8]) throws -> JSONObject {
        guard let parsed = (try? JSONParser.parse(json))?.objectValue else { throw SQLiteSchema.damaged() }
        return parsed
    }

    /// The stored JSON text of the item with `key`, unless it is absent or expired at `now`.
    static func currentJSON(_ connection: DirectConnection, table: String, key: ItemKey, now: Double) throws
        -> [UInt8]?
    {
        let statement = try connection.statement(.currentItem)
        // Reset before returning, so a reader's connection does not keep its snapshot of the file.
        defer { statement.reset() }
        SQLiteKey.bind(table: table, key: key, to: statement)
        guard try statement.step() else { return nil }
        if ItemRules.isExpired(statement.double(at: 1), now: now) { return nil }
        guard let json = statement.withBytes(at: 0, { $0.map(Array.init) }) else { throw SQLiteSchema.damaged() }
        return json
    }

    /// The item stored as JSON text in `row["item"]`.
    static func item(from row: Row) throws -> JSONObject {
        let text: String = row["item"]
        guard let object = (try? JSONParser.parse(Array(text.utf8)))?.objectValue else {
            throw SQLiteSchema.damaged()
        }
        return object
    }

    private static func store(_ connection: DirectConnection, write: PlannedWrite, stored: StoredItem) throws {
        let statement = try connection.statement(.upsertItem)
        SQLiteKey.bind(table: write.table.name, key: write.key, to: statement)
        statement.bind(text: stored.json, at: 4)
        statement.bind(stored.expiry, at: 5)
        try statement.run()
    }

    private static func remove(_ connection: DirectConnection, write: PlannedWrite) throws {
        let statement = try connection.statement(.deleteItem)
        SQLiteKey.bind(table: write.table.name, key: write.key, to: statement)
        try statement.run()
    }

    /// Deletes a bounded batch of expired items of `table`.
    private static func purgeExpired(_ connection: DirectConnection, table: String, now: Double) throws {
        let statement = try connection.statement(.purgeExpired)
        statement.bind(text: table, at: 1)
        statement.bind(now, at: 2)
        try statement.run()
    }
}
