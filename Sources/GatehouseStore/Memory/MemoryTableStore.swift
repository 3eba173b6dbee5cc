import Foundation
public import GatehouseJSON

/// A `TableStore` in memory: for tests and `--store memory`. Nothing survives the process.
///
/// An actor, so every operation, a transaction included, runs alone and is atomic.
public actor MemoryTableStore: TableStore {
    /// A stored item with its key and expiry, kept in key order.
    struct Entry {
        var key: ItemKey
        var item: JSONObject
        var expiry: Double?
    }

    struct Table {
        var definition: TableDefinition
        /// Sorted by key, so queries and scans read a contiguous range.
        var entries: [Entry] = []
        /// Writes since expired entries were last swept out of the whole table.
        var writesSinceSweep = 0

        /// The index of the first entry whose key is not before `key`.
        func lowerBound(_ key: ItemKey) -> Int {
            var low = 0
            var high = entries.count
            while low < high {
                let middle = (low + high) / 2
                if ItemKey.compare(entries[middle].key, key) < 0 {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return low
        }

        /// The position of the entry with exactly `key`.
        func index(of key: ItemKey) -> Int? {
            let position = lowerBound(key)
            guard position < entries.count, entries[position].key == key else { return nil }
            return position
        }
    }

    var tables: [String: Table] = [:]
    let clock: @Sendable () -> Double

    /// An empty store.
    public init() {
        self.clock = { Date().timeIntervalSince1970 }
    }

    /// An empty store reading time from `clock` (seconds since 1970), so tests can move time forward.
    package init(clock: @escaping @Sendable () -> Double) {
        self.clock = clock
    }

    @discardableResult
    public func createTable(_ definition: TableDefinition) throws -> Bool {
        try definition.validate()
        if let existing = tables[definition.name] {
            guard existing.definition == definition else {
                throw TableStoreError(
                    code: .tableConflict,
                    message: "table '\(definition.name)' exists with another definition"
                )
            }
            return false
        }
        tables[definition.name] = Table(definition: definition)
        return true
    }

    public func describeTable(_ name: String) throws -> TableDefinition? {
        try TableDefinition.validateName(name)
        return tables[name]?.definition
    }

    public func listTables() -> [TableDefinition] {
        tables.values.map(\.definition).sorted { KeyValue.string($0.name) < KeyValue.string($1.name) }
    }

    public func deleteTable(_ name: String) throws {
        try TableDefinition.validateName(name)
        guard tables.removeValue(forKey: name) != nil else { throw TableStoreError.tableNotFound(name) }
    }

    public func getItem(table name: String, key: ItemKey) throws -> JSONObject? {
        let table = try table(named: name)
        try ItemRules(table.definition).validate(key)
        return current(in: name, key: key, now: clock())
    }

    @discardableResult
    public func putItem(table: String, item: JSONObject, condition: Condition?) throws -> JSONObject? {
        try perform([.put(table: table, item: item, condition: condition)], single: true).old
    }

    @discardableResult
    public func updateItem(
        table: String,
        key: ItemKey,
        actions: [UpdateAction],
        condition: Condition?
    ) throws -> JSONObject {
        let result = try perform(
            [.update(table: table, key: key, actions: actions, condition: condition)], single: true)
        // An update always stores an item, so `new` is set.
        return result.new!
    }

    @discardableResult
    public func deleteItem(table: String, key: ItemKey, condition: Condition?) throws -> JSONObject? {
        try perform([.delete(table: table, key: key, condition: condition)], single: true).old
    }

    public func transactWrite(_ actions: [TransactionAction]) throws {
        _ = try perform(actions, single: false)
    }

    func table(named name: String) throws(TableStoreError) -> Table {
        try TableDefinition.validateName(name)
        guard let table = tables[name] else { throw TableStoreError.tableNotFound(name) }
        return table
    }

    /// The live item with `key`; an expired one is purged here (lazily) and reported absent.
    private func current(in table: String, key: ItemKey, now: Double) -> JSONObject? {
        guard let position = tables[table]?.index(of: key), let entry = tables[table]?.entries[position] else {
            return nil
        }
        if ItemRules.isExpired(entry.expiry, now: now) {
            tables[table]?.entries.remove(at: position)
            return nil
        }
        return entry.item
    }

    /// Resolves every write against the current items first and applies them only when all conditions hold, so a
    /// failing transaction changes nothing. Returns the first action's old and new item.
    private func perform(
        _ actions: [TransactionAction],
        single: Bool
    ) throws -> (old: JSONObject?, new: JSONObject?) {
        let writes: [PlannedWrite]
        if single {
            let table = try table(named: actions[0].table)
            writes = [try PlannedWrite(actions[0], definition: table.definition)]
        } else {
            writes = try PlannedWrite.plan(actions) { name in tables[name]?.definition }
        }
        let now = clock()
        var outcomes: [(write: PlannedWrite, outcome: WriteOutcome, old: JSONObject?)] = []
        for write in writes {
            let old = current(in: write.table.name, key: write.key, now: now)
            outcomes.append((write, try write.resolve(current: old), old))
        }
        var first: (old: JSONObject?, new: JSONObject?) = (outcomes.first?.old, nil)
        for (position, (write, outcome, _)) in outcomes.enumerated() {
            let name = write.table.name
            sweepExpired(in: name, now: now)
            switch outcome {
            case .unchanged:
                break
            case .store(let stored):
                let entry = Entry(key: write.key, item: stored.item, expiry: stored.expiry)
                if let index = tables[name]?.index(of: write.key) {
                    tables[name]?.entries[index] = entry
                } else if let insertion = tables[name]?.lowerBound(write.key) {
                    tables[name]?.entries.insert(entry, at: insertion)
                }
                if position == 0 { first.new = stored.item }
            case .remove:
                if let index = tables[name]?.index(of: write.key) {
                    tables[name]?.entries.remove(at: index)
                }
            }
        }
        return first
    }

    /// Expired items that are never read again would stay forever: every 64 writes to a table with a time-to-live
    /// attribute, its expired items are dropped, so the cost of a sweep is spread over the writes.
    private func sweepExpired(in name: String, now: Double) {
        guard tables[name]?.definition.timeToLiveAttribute != nil else { return }
        // Mutated in place through the dictionary, so the entries array is not copied.
        tables[name]?.writesSinceSweep += 1
        if let writes = tables[name]?.writesSinceSweep, writes >= 64 {
            tables[name]?.writesSinceSweep = 0
            tables[name]?.entries.removeAll { ItemRules.isExpired($0.expiry, now: now) }
        }
    }
}
