import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseServe
import GatehouseStore

/// `gatehouse store copy --from STORE --to STORE`: every table and item of one store into another (SQLite ↔
/// PostgreSQL), checked before and after.
struct StoreCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every table and item of one store into another (SQLite to PostgreSQL and back).",
        discussion: """
            Copies all tables: mock items, API keys, usage counters, id sequences and seed records. First every \
            table is checked: one that exists in the target with another key is an error, and nothing is copied. \
            Items are written in batches of up to 100, each batch all or nothing, replacing an item with the same \
            key, so running the copy again gives the same result. Then every item is read back from the target \
            and compared. Items the target holds and the source does not are kept. Stop the servers that write \
            to the source first: a copy of a store in use is not a snapshot. Exit status: 0 when every item was \
            copied and verified, 1 when an item read back differs, 64 for a usage error or a store that cannot \
            be opened, read or written.
            """
    )

    @Option(help: "The store to copy from: 'sqlite:PATH' or 'postgres://…'.")
    var from: String

    @Option(help: "The store to copy into (created when missing): 'sqlite:PATH' or 'postgres://…'.")
    var to: String

    func validate() throws {
        let source = try StoreLocation(parsing: from)
        let target = try StoreLocation(parsing: to)
        if case .memory = source { throw ValidationError("--from memory has nothing to copy") }
        if case .memory = target { throw ValidationError("--to memory keeps nothing; copy into a file or a database") }
        guard source.description != target.description else {
            throw ValidationError("--from and --to are the same store")
        }
    }

    func run() async throws {
        let source = try StoreLocation(parsing: from)
        let target = try StoreLocation(parsing: to)
        if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
            StandardError.write("error: there is no store at '\(path)' to copy from\n")
            throw ExitStatus.usageOrIO
        }
        let sourceStore = try await source.openOrExit()
        let targetStore = try await target.openOrExit()
        let tables = try await StoreOptions.run { try await sourceStore.listTables() }
        try await checkTables(tables, in: targetStore, target: target)

        var copied: [(name: String, items: Int)] = []
        for table in tables {
            try await StoreOptions.run { try await targetStore.createTable(table) }
            var count = 0
            try await Self.forEachPage(
                of: table.name, in: sourceStore, size: TableStoreLimits.maximumTransactionActions
            ) {
                items in
                count += items.count
                try await StoreOptions.run {
                    try await targetStore.transactWrite(items.map { .put(table: table.name, item: $0, condition: nil) })
                }
            }
            copied.append((table.name, count))
        }

        var differing: [String] = []
        for table in tables {
            try await Self.forEachPage(of: table.name, in: sourceStore, size: 500) { items in
                for item in items {
                    let key = try Self.key(of: item, in: table)
                    let stored = try await StoreOptions.run {
                        try await targetStore.getItem(table: table.name, key: key)
                    }
                    if stored != item { differing.append(table.name) }
                }
            }
        }
        try await StoreLocation.close(sourceStore)
        try await StoreLocation.close(targetStore)

        let total = copied.reduce(0) { $0 + $1.items }
        for (name, items) in copied {
            print("  \(name): \(items) item\(items == 1 ? "" : "s")")
        }
        guard differing.isEmpty else {
            let tables = Set(differing).sorted().map { "'\($0)'" }.joined(separator: ", ")
            StandardError.write(
                "error: \(differing.count) item\(differing.count == 1 ? "" : "s") read back from '\(target)' "
                    + "differ from the source (tables \(tables)); was something writing to either store?\n")
            throw ExitStatus.problemsFound
        }
        print(
            "copied \(copied.count) table\(copied.count == 1 ? "" : "s") and \(total) item\(total == 1 ? "" : "s") "
                + "from '\(source)' to '\(target)'; every item read back equal")
    }

    /// Refuses the copy, before anything is written, when a table exists in the target with another key.
    private func checkTables(_ tables: [TableDefinition], in store: any TableStore, target: StoreLocation) async throws
    {
        var conflicts: [String] = []
        for table in tables {
            if let existing = try await StoreOptions.run({ try await store.describeTable(table.name) }),
                existing != table
            {
                conflicts.append(table.name)
            }
        }
        guard conflicts.isEmpty else {
            let names = conflicts.map { "'\($0)'" }.joined(separator: ", ")
            StandardError.write(
                "error: '\(target)' has table\(conflicts.count == 1 ? "" : "s") \(names) with another key than the "
                    + "source; nothing was copied\n")
            throw ExitStatus.usageOrIO
        }
    }

    /// Every item of a table in key order, `size` at a time.
    private static func forEachPage(
        of table: String,
        in store: any TableStore,
        size: Int,
        _ body: ([JSONObject]) async throws -> Void
    ) async throws {
        var cursor: TableCursor? = nil
        repeat {
            let page = try await StoreOptions.run { try await store.scan(table: table, limit: size, cursor: cursor) }
            if !page.items.isEmpty { try await body(page.items) }
            cursor = page.cursor
        } while cursor != nil
    }

    /// The key of a stored item of `table`.
    private static func key(of item: JSONObject, in table: TableDefinition) throws -> ItemKey {
        func value(_ attribute: KeyAttribute) throws -> KeyValue {
            guard let json = item[attribute.name], let value = KeyValue(json, as: attribute.type) else {
                StandardError.write("error: an item of table '\(table.name)' lacks its key '\(attribute.name)'\n")
                throw ExitStatus.usageOrIO
            }
            return value
        }
        return ItemKey(try value(table.partitionKey), try table.sortKey.map(value))
    }
}
