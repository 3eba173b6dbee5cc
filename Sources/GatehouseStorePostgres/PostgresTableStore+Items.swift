public import GatehouseJSON
public import GatehouseStore
import NIOCore
import PostgresNIO

extension PostgresTableStore {
    /// How many times a single write reads and tries again when other writers keep changing its item.
    static let maximumWriteAttempts = 1_000
    /// How many times a transaction runs again after PostgreSQL aborted it for a deadlock or serialization failure.
    static let maximumTransactionAttempts = 20

    public func getItem(table: String, key: ItemKey) async throws -> JSONObject? {
        try await liveText(table, key).map(Self.parse)
    }

    /// The stored JSON text itself, as the batched point read returns it.
    public func getItemJSON(table: String, key: ItemKey) async throws -> [UInt8]? {
        try await liveText(table, key).map { Array($0.readableBytesView) }
    }

    /// The JSON text of the live item with `key`, through the batched point read.
    private func liveText(_ table: String, _ key: ItemKey) async throws -> ByteBuffer? {
        let definition = try await self.table(table)
        try ItemRules(definition).validate(key)
        let address = Self.address(table, key)
        let now = clock()
        let row = try await lanes.current.reads.submit(address) { session in
            await self.runSession(session) { addresses, connection in
                try await self.selectRows(addresses, on: connection)
            }
        }
        return Self.liveText(row, now: now)
    }

    @discardableResult
    public func putItem(table: String, item: JSONObject, condition: Condition?) async throws -> JSONObject? {
        try await write(.put(table: table, item: item, condition: condition)).old
    }

    @discardableResult
    public func updateItem(
        table: String,
        key: ItemKey,
        actions: [UpdateAction],
        condition: Condition?
    ) async throws -> JSONObject {
        let result = try await write(.update(table: table, key: key, actions: actions, condition: condition))
        // An update always stores an item, so `new` is set.
        return result.new!
    }

    @discardableResult
    public func deleteItem(table: String, key: ItemKey, condition: Condition?) async throws -> JSONObject? {
        try await write(.delete(table: table, key: key, condition: condition)).old
    }

    /// The item's row address.
    static func address(_ table: String, _ key: ItemKey) -> PostgresStatements.ItemAddress {
        PostgresStatements.ItemAddress(table: table, partition: PostgresKey(key.partition), sort: .sort(of: key))
    }

    /// The live item of a row: nil when there is no row, the row is a placeholder, or the item expired.
    static func live(_ row: PostgresStatements.StoredRow?, now: Double) throws -> JSONObject? {
        try liveText(row, now: now).map(parse)
    }

    /// The JSON text of a row's live item: nil when there is no row, the row is a placeholder, or the item expired.
    static func liveText(_ row: PostgresStatements.StoredRow?, now: Double) -> ByteBuffer? {
        guard let row, let item = row.item, !ItemRules.isExpired(row.expires, now: now) else { return nil }
        return item
    }

    /// An item stored as JSON text.
    static func parse(_ buffer: ByteBuffer) throws -> JSONObject {
        let parsed = buffer.withUnsafeReadableBytes { bytes in try? JSONParser.parse(Array(bytes)) }
        guard let object = parsed?.objectValue else { throw PostgresSchema.damaged() }
        return object
    }

    struct WriteResult: Sendable {
        var old: JSONObject?
        var new: JSONObject?
    }

    /// One write without a transaction: read the row, resolve the write against it, then write only if the row is
    /// as read (its version, or its absence); when another writer came first, read again.
    private func write(_ action: TransactionAction) async throws -> WriteResult {
        let write = try PlannedWrite(action, definition: try await table(action.table))
        let address = Self.address(write.table.name, write.key)
        let now = clock()
        let logger = self.logger
        // A conditional create (a condition that holds when there is no item, such as attribute_not_exists on the
        // key) first tries to insert: when the item is absent, as it is for a create, that is one statement
        // instead of a read and an insert. A conflict falls back to reading the item.
        let createFirst: StoredItem? =
            if write.condition != nil, case .put = write.change,
                case .store(let stored)? = try? write.resolve(current: nil)
            {
                stored
            } else {
                nil
            }
        if let createFirst {
            let insert = PendingInsert(
                address: address, item: createFirst.json, expires: createFirst.expiry,
                purges: write.table.timeToLiveAttribute == nil ? nil : write.table)
            let outcome = try await lanes.current.creates.submit(insert) { session in
                await self.runSession(session) { inserts, connection in
                    try await self.insertRows(inserts, on: connection)
                }
            }
            if outcome == .inserted {
                return WriteResult(old: nil, new: createFirst.item)
            }
        }
        return try await withConnection { connection in
            for _ in 0..<Self.maximumWriteAttempts {
                let row = try await connection.execute(PostgresStatements.Select(address: address), logger: logger)
                    .collectAll().first
                let current = try Self.live(row, now: now)
                var result = WriteResult(old: current)
                let applied: Bool
                switch try write.resolve(current: current) {
                case .unchanged:
                    return result
                case .store(let stored):
                    result.new = stored.item
                    if let row {
                        applied = try await !connection.execute(
                            PostgresStatements.Update(
                                address: address, item: stored.json, expires: stored.expiry, version: row.version),
                            logger: logger
                        ).collectAll().isEmpty
                    } else {
                        applied = try await !connection.execute(
                            PostgresStatements.Insert(address: address, item: stored.json, expires: stored.expiry),
                            logger: logger
                        ).collectAll().isEmpty
                    }
                case .remove:
                    guard let row else { return result }
                    applied = try await !connection.execute(
                        PostgresStatements.Delete(address: address, version: row.version),
                        logger: logger
                    ).collectAll().isEmpty
                }
                guard applied else { continue }
                await self.purgeExpired(in: [write.table], now: now, connection: connection)
                return result
            }
            throw TableStoreError(
                code: .storageFailure,
                message: "an item of table '\(write.table.name)' kept changing under a write; it gave up after "
                    + "\(Self.maximumWriteAttempts) attempts"
            )
        }
    }

    /// Deletes a bounded batch of expired items of each table with a time to live. Best effort: the write it
    /// follows is already committed, so a failure here is only logged.
    func purgeExpired(in tables: [TableDefinition], now: Double, connection: PostgresConnection) async {
        for table in tables where table.timeToLiveAttribute != nil {
            do {
                _ = try await connection.execute(
                    PostgresStatements.PurgeExpired(table: table.name, now: now), logger: logger)
            } catch {
                logger.debug("could not purge expired items", metadata: ["table": "\(table.name)"])
            }
        }
    }

    public func transactWrite(_ actions: [TransactionAction]) async throws {
        if try await insertGuarded(actions) { return }
        var tables: [String: TableDefinition] = [:]
        for name in Set(actions.map(\.table)) {
            try TableDefinition.validateName(name)
            if let definition = try? await table(name) { tables[name] = definition }
        }
        let writes = try PlannedWrite.plan(actions) { name in tables[name] }
        let addresses = writes.map { Self.address($0.table.name, $0.key) }
        // Every transaction locks its items in the same order, so two of them never wait for each other.
        let lockOrder = writes.indices.sorted { left, right in
            let (a, b) = (writes[left], writes[right])
            if a.table.name != b.table.name {
                return KeyValue.string(a.table.name) < KeyValue.string(b.table.name)
            }
            return ItemKey.compare(a.key, b.key) < 0
        }
        let purged = Array(Set(writes.map(\.table.name))).compactMap { tables[$0] }
        let now = clock()
        let logger = self.logger
        try await withConnection { connection in
            try await Self.retryingDeadlocks {
                try await Self.inTransaction(connection, logger: logger) {
                    try await Self.apply(writes, addresses, lockOrder, now: now, connection, logger: logger)
                    for table in purged where table.timeToLiveAttribute != nil {
                        _ = try await connection.execute(
                            PostgresStatements.PurgeExpired(table: table.name, now: now), logger: logger)
                    }
                }
            }
        }
    }

    /// A transaction of a create and a check that another item exists (a to-do and its list) in one statement
    /// (`GuardedInsertBatch`), batched with others like it: true when it inserted the item, and the check's
    /// `conditionFailed` when the other item was not live. False when the transaction has another shape, or the
    /// item's address was taken: the transaction then runs as any other, which fails the put's condition, or
    /// replaces an expired item or one a put without a condition may replace.
    private func insertGuarded(_ actions: [TransactionAction]) async throws -> Bool {
        guard actions.count == 2 else { return false }
        let checkPosition = if case .conditionCheck = actions[0] { 0 } else { 1 }
        let (checkAction, putAction) = (actions[checkPosition], actions[1 - checkPosition])
        guard case .conditionCheck = checkAction, case .put = putAction,
            let checkTable = try? await table(checkAction.table), let putTable = try? await table(putAction.table),
            let check = try? PlannedWrite(checkAction, definition: checkTable, position: checkPosition),
            check.isExistenceCheck,
            (try? check.resolve(current: check.presence(true))) != nil,
            (try? check.resolve(current: nil)) == nil,
            let put = try? PlannedWrite(putAction, definition: putTable),
            case .store(let stored)? = try? put.resolve(current: nil)
        else { return false }
        let address = Self.address(putTable.name, put.key)
        let requires = Self.address(checkTable.name, check.key)
        guard address != requires else { return false }
        let create = GuardedInsert(
            insert: PendingInsert(
                address: address, item: stored.json, expires: stored.expiry,
                purges: putTable.timeToLiveAttribute == nil ? nil : putTable),
            requires: requires)
        let outcome = try await lanes.current.guardedCreates.submit(create) { session in
            await self.runSession(session) { creates, connection in
                try await self.insertRows(creates.map(\.insert), guards: creates.map(\.requires), on: connection)
            }
        }
        switch outcome {
        case .inserted:
            return true
        case .guardMissing:
            // The check's own error: it names the action, as a transaction run the general way would.
            _ = try check.resolve(current: nil)
            return false
        case .notInserted:
            return false
        }
    }

    /// Runs `body` again when PostgreSQL rolled it back for a deadlock or a serialization failure (40P01, 40001).
    static func retryingDeadlocks(_ body: () async throws -> Void) async throws {
        for attempt in 1...maximumTransactionAttempts {
            do {
                return try await body()
            } catch let error as PSQLError where attempt < maximumTransactionAttempts {
                guard let state = error.serverInfo?[.sqlState], state == "40001" || state == "40P01" else {
                    throw error
                }
            }
        }
    }

    /// Locks, checks and writes the items of one transaction on `connection`, inside its BEGIN and COMMIT.
    private static func apply(
        _ writes: [PlannedWrite],
        _ addresses: [PostgresStatements.ItemAddress],
        _ lockOrder: [Int],
        now: Double,
        _ connection: PostgresConnection,
        logger: Logger
    ) async throws {
        var rows = [PostgresStatements.StoredRow?](repeating: nil, count: writes.count)
        for index in lockOrder {
            let address = addresses[index]
            // An absent item gets a placeholder row, so it can be locked like the others.
            _ = try await connection.execute(PostgresStatements.InsertPlaceholder(address: address), logger: logger)
            rows[index] = try await connection.execute(
                PostgresStatements.SelectForUpdate(address: address),
                logger: logger
            ).collectAll().first
        }
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(writes.count)
        for (index, write) in writes.enumerated() {
            outcomes.append(try write.resolve(current: try live(rows[index], now: now)))
        }
        for (index, outcome) in outcomes.enumerated() {
            guard let row = rows[index] else {
                throw TableStoreError(
                    code: .storageFailure, message: "a locked item's row vanished inside a transaction")
            }
            let address = addresses[index]
            switch outcome {
            case .store(let stored):
                try await connection.execute(
                    PostgresStatements.Update(
                        address: address, item: stored.json, expires: stored.expiry, version: row.version),
                    logger: logger
                ).collectAll()
            case .remove:
                try await connection.execute(
                    PostgresStatements.Delete(address: address, version: row.version), logger: logger
                ).collectAll()
            case .unchanged:
                // A placeholder that only served as a lock goes away before the commit.
                if row.item == nil {
                    try await connection.execute(
                        PostgresStatements.Delete(address: address, version: row.version), logger: logger
                    ).collectAll()
                }
            }
        }
    }
}
