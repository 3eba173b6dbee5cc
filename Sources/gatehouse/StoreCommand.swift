import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseServe
import GatehouseSpec
import GatehouseStore

/// `gatehouse store`: look at and change the table store that `serve` keeps its stateful mocks in.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "List, dump, load and clear the tables of the store behind the stateful mocks.",
        discussion: """
            Every subcommand takes --store with the same syntax and default as 'gatehouse serve' \
            (sqlite:.gatehouse/store.sqlite, relative to the working directory). The SQLite store can be used while \
            'serve' runs on it. Exit status: 0 on success, 1 when a file to load has bad lines (nothing is \
            loaded), 64 for a usage error, a missing store or table, or a store that cannot be read or written.
            """,
        subcommands: [
            StoreTablesCommand.self, StoreDumpCommand.self, StoreLoadCommand.self, StoreClearCommand.self,
            StoreCopyCommand.self,
        ]
    )
}

/// The `--store` option of the store subcommands, and how they open it.
struct StoreOptions: ParsableArguments {
    @Option(help: StoreLocation.help)
    var store: String?

    func validate() throws {
        if case .memory = try location {
            throw ValidationError(
                "--store memory keeps nothing between runs; the store commands need 'sqlite:PATH' or 'postgres://…'")
        }
    }

    /// The store named by `--store` or `GATEHOUSE_STORE`.
    var location: StoreLocation {
        get throws { try StoreLocation.resolve(store) }
    }

    /// Opens the store; unless `creating`, a SQLite file that does not exist is an error rather than a new file.
    func open(creating: Bool = false) async throws -> any TableStore {
        let location = try self.location
        if !creating, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            StandardError.write(
                "error: there is no store at '\(path)'; 'gatehouse serve' creates it, or pass --store sqlite:PATH\n")
            throw ExitStatus.usageOrIO
        }
        return try await location.openOrExit()
    }

    /// The definition of `table`, or an error naming the tables there are.
    func existingTable(_ table: String, in store: any TableStore) async throws -> TableDefinition {
        if let definition = try await Self.run({ try await store.describeTable(table) }) { return definition }
        let names = try await Self.run { try await store.listTables() }.map { "'\($0.name)'" }
        StandardError.write(
            "error: there is no table '\(table)' in '\((try? location)?.description ?? "the store")'"
                + (names.isEmpty ? " (it has no tables)\n" : "; its tables are \(names.joined(separator: ", "))\n")
        )
        throw ExitStatus.usageOrIO
    }

    /// Runs a store operation, turning a store error into a message and exit status 64.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TableStoreError {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
    }

    /// Every item of a table in key order, page by page.
    static func forEachItem(
        of table: String,
        in store: any TableStore,
        _ body: ([JSONObject]) throws -> Void
    ) async throws {
        var cursor: TableCursor? = nil
        repeat {
            let page = try await run { try await store.scan(table: table, limit: 500, cursor: cursor) }
            try body(page.items)
            cursor = page.cursor
        } while cursor != nil
    }
}
