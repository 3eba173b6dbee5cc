package import ArgumentParser
import Foundation
package import GatehouseStore
package import GatehouseStorePostgres
import GatehouseStoreSQLite

/// Where the table store is, as `--store` and `GATEHOUSE_STORE` name it: `memory`, `sqlite:PATH`, or
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]`.
///
/// Its description is what messages print: a PostgreSQL URL with its password replaced by `***`.
package enum StoreLocation: Sendable, CustomStringConvertible {
    case memory
    case sqlite(path: String)
    case postgres(PostgresStoreURL)

    /// The store of a command: `--store` when given, else `GATEHOUSE_STORE`, else the SQLite file `serve` makes in
    /// the working directory.
    package static func resolve(_ option: String?) throws -> StoreLocation {
        let environment = ProcessInfo.processInfo.environment["GATEHOUSE_STORE"].flatMap { $0.isEmpty ? nil : $0 }
        if option == nil, let environment {
            do {
                return try StoreLocation(parsing: environment)
            } catch {
                throw ValidationError("GATEHOUSE_STORE: \(error.message)")
            }
        }
        return try StoreLocation(parsing: option ?? defaultSQLite)
    }

    package static let defaultSQLite = "sqlite:.gatehouse/store.sqlite"

    /// The help text of `--store`, the same for every command that takes it.
    package static let help = ArgumentHelp(
        "Where keys, usage counters and stored mock items live: 'memory', 'sqlite:PATH' or "
            + "'postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]' (default: $GATEHOUSE_STORE, else "
            + "\(defaultSQLite)).",
        valueName: "store"
    )

    package init(parsing text: String) throws(ValidationError) {
        if text == "memory" {
            self = .memory
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw ValidationError("--store sqlite: needs a path, as in sqlite:store.sqlite")
            }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            do {
                self = .postgres(try PostgresStoreURL(text))
            } catch {
                throw ValidationError("--store: \(error.description)")
            }
        } else {
            // Never echo the text: it may be a URL with a password in it.
            throw ValidationError(
                "unknown --store; expected 'memory', 'sqlite:PATH' or 'postgres://USER[:PASSWORD]@HOST[:PORT]/DB'")
        }
    }

    package var description: String {
        switch self {
        case .memory: return "memory"
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url): return url.description
        }
    }

    /// Opens the store (creating a SQLite file and its folder when missing); throws a `TableStoreError` or a file
    /// error that says why it cannot.
    package func open() async throws -> any TableStore {
        switch self {
        case .memory:
            return MemoryTableStore()
        case .sqlite(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            return try SQLiteTableStore(path: path)
        case .postgres(let url):
            return try await PostgresTableStore.open(PostgresTableStore.Configuration(url: url))
        }
    }

    /// Opens the store, or writes why not and exits with status 64.
    package func openOrExit() async throws -> any TableStore {
        do {
            return try await open()
        } catch {
            StandardError.write("error: cannot open the store '\(self)': \(error)\n")
            throw ExitStatus.usageOrIO
        }
    }

    /// Closes a store once its command is done: a SQLite file is checkpointed and left clean, a PostgreSQL pool's
    /// connections are closed.
    package static func close(_ store: (any TableStore)?) async throws {
        if let sqlite = store as? SQLiteTableStore {
            try sqlite.close()
        } else if let postgres = store as? PostgresTableStore {
            await postgres.close()
        }
    }
}
