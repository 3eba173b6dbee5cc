import Foundation
import GRDB
import GatehouseJSON
public import GatehouseStore
import Synchronization

/// A `TableStore` in one SQLite file: the embedded default of `gatehouse serve`.
///
/// The file is in WAL mode, so reads run concurrently with each other and with the single writer. Point reads run on
/// read-only connections of the store's own (`SQLiteReaders`), on the caller's thread; writes run on the writer's
/// thread (`SQLiteWriter`), which commits the writes that arrive together in one IMMEDIATE transaction, each in a
/// savepoint of its own, and returns each result only after that commit. A GRDB `DatabasePool` creates the file,
/// runs queries and scans, and checkpoints at close. All tables share one SQL table of items keyed by (table,
/// partition key, sort key), so creating a store table is a row, not DDL, and table names never reach SQL text;
/// every value is a bound argument.
///
/// Keys are stored so that SQLite's own ordering is the store's: strings as their UTF-8 bytes in BLOBs (compared
/// with `memcmp`), binary values as BLOBs, numbers as INTEGER when they are 64-bit integers and REAL otherwise
/// (SQLite compares the two exactly).
public final class SQLiteTableStore: TableStore {
    /// Options of a SQLite store.
    public struct Configuration: Sendable {
        /// What an acknowledged write survives.
        public var durability: Durability
        /// How long a write waits for another process holding the write lock, in seconds.
        public var busyTimeout: Double

        /// The defaults: writes survive the process being killed, and wait up to 5 seconds for a lock.
        public init(durability: Durability = .processCrash, busyTimeout: Double = 5) {
            self.durability = durability
            self.busyTimeout = busyTimeout
        }
    }

    /// What an acknowledged write survives, which decides when SQLite syncs to disk.
    public enum Durability: Sendable, Hashable {
        /// `synchronous = NORMAL`: a commit is written to the WAL before it is acknowledged, so it survives the
        /// process being killed (`kill -9`, a crash); an operating-system crash or power loss may lose the last
        /// commits, never consistency. No fsync per write: the default for a development gateway.
        case processCrash
        /// `synchronous = FULL`: the WAL is synced at every commit, so an acknowledged write also survives power
        /// loss, at the cost of one fsync per write.
        case powerLoss
    }

    let pool: DatabasePool
    let readers: SQLiteReaders
    let writer: SQLiteWriter
    let clock: @Sendable () -> Double
    /// Table definitions already read, so a point operation runs one statement, not two. Definitions change only
    /// through `createTable` and `deleteTable`; another process that deletes a table and creates it again with
    /// another key is not seen until restart (Gatehouse's own `store clear` keeps the key).
    let definitions = Mutex<[String: GatehouseStore.TableDefinition]>([:])

    /// Opens the store at `path`, creating the file and its parent directories when missing.
    ///
    /// A file that is not SQLite, or a SQLite database of another application, is refused with
    /// `TableStoreError.Code.incompatibleStore` and left as it was.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws {
        try self.init(path: path, configuration: configuration, clock: { Date().timeIntervalSince1970 })
    }

    /// Opens the store with a clock (seconds since 1970), so tests can move time.
    package init(path: String, configuration: Configuration, clock: @escaping @Sendable () -> Double) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TableStoreError(
                code: .storageFailure,
                message: "cannot create the directory of the store file",
                cause: error
            )
        }
        // Inspect before the pool opens: opening a pool switches the file to WAL, a change a foreign file must not
        // see.
        try SQLiteSchema.checkCompatible(path: path, busyTimeout: configuration.busyTimeout)
        var grdbConfiguration = GRDB.Configuration()
        grdbConfiguration.busyMode = .timeout(configuration.busyTimeout)
        grdbConfiguration.foreignKeysEnabled = false
        let synchronous = configuration.durability == .powerLoss ? "FULL" : "NORMAL"
        grdbConfiguration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: grdbConfiguration)
            try pool.write { db in try SQLiteSchema.create(db) }
            writer = try SQLiteWriter(path: path, synchronous: synchronous, busyTimeout: configuration.busyTimeout)
        } catch {
            throw TableStoreError(sqlite: error)
        }
        readers = SQLiteReaders(path: path, busyTimeout: configuration.busyTimeout)
        self.clock = clock
    }

    deinit {
        // Without `close()`, the writer's thread still stops and the connections close; no checkpoint. The writer
        // is not waited for: the last reference may be dropped on its own thread.
        writer.stop()
        readers.close()
    }

    /// Checkpoints the WAL into the store file and closes it; later operations fail with `storageFailure`.
    public func close() throws {
        // The writer commits what is queued first; later operations throw `storageFailure`.
        writer.close()
        readers.close()
        do {
            // Readers are read-only connections, which cannot checkpoint when they close last: move every committed
            // page into the main file now, so the file alone holds the data after a clean stop.
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } catch {
            throw TableStoreError(sqlite: error)
        }
    }

    /// Runs `body` in a read transaction (a WAL snapshot), mapping SQLite errors to `TableStoreError`.
    ///
    /// It runs on the caller's thread: a WAL reader never waits for the writer, and a read of a few statements is
    /// cheaper than the hop to GRDB's queue and back.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try Self.readNow(pool, body)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw TableStoreError(sqlite: error)
        }
    }

    /// Runs `body` on the writer's connection inside its transaction, and returns once the transaction committed;
    /// an error rolls back `body`'s changes only.
    func write<T: Sendable>(_ body: @escaping @Sendable (DirectConnection) throws -> T) async throws -> T {
        try await writer.perform(body)
    }

    private static func readNow<T>(_ pool: DatabasePool, _ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs one statement's worth of reading outside a transaction (SQLite gives a single statement its own
    /// snapshot) on one of the store's read-only connections, on the caller's thread.
    func readStatement<T>(_ body: (DirectConnection) throws -> T) throws -> T {
        do {
            return try readers.withConnection(body)
        } catch {
            throw TableStoreError(sqlite: error)
        }
    }

    @discardableResult
    public func createTable(_ definition: GatehouseStore.TableDefinition) async throws -> Bool {
        try definition.validate()
        return try await write { connection in
            if let existing = try SQLiteSchema.definition(connection, name: definition.name) {
                guard existing == definition else {
                    throw TableStoreError(
                        code: .tableConflict,
                        message: "table '\(definition.name)' exists with another definition"
                    )
                }
                return false
            }
            try SQLiteSchema.insert(connection, definition)
            return true
        }
    }

    public func describeTable(_ name: String) async throws -> GatehouseStore.TableDefinition? {
        try GatehouseStore.TableDefinition.validateName(name)
        return try await read { db in try SQLiteSchema.definition(db, name: name) }
    }

    public func listTables() async throws -> [GatehouseStore.TableDefinition] {
        try await read { db in try SQLiteSchema.definitions(db) }
    }

    public func deleteTable(_ name: String) async throws {
        try GatehouseStore.TableDefinition.validateName(name)
        try await write { connection in
            self.definitions.withLock { $0[name] = nil }
            guard try SQLiteSchema.definition(connection, name: name) != nil else {
                throw TableStoreError.tableNotFound(name)
            }
            let items = try connection.statement(.deleteTableItems)
            items.bind(text: name, at: 1)
            try items.run()
            let table = try connection.statement(.deleteTableDefinition)
            table.bind(text: name, at: 1)
            try table.run()
        }
    }

    /// The definition of table `name`, or `tableNotFound`.
    func table(_ db: Database, _ name: String) throws -> GatehouseStore.TableDefinition {
        if let cached = definitions.withLock({ $0[name] }) { return cached }
        try GatehouseStore.TableDefinition.validateName(name)
        guard let definition = try SQLiteSchema.definition(db, name: name) else {
            throw TableStoreError.tableNotFound(name)
        }
        definitions.withLock { $0[name] = definition }
        return definition
    }

    /// The definition of table `name` read through a direct connection, or `tableNotFound`.
    func table(_ connection: DirectConnection, _ name: String) throws -> GatehouseStore.TableDefinition {
        if let cached = definitions.withLock({ $0[name] }) { return cached }
        try GatehouseStore.TableDefinition.validateName(name)
        guard let definition = try SQLiteSchema.definition(connection, name: name) else {
            throw TableStoreError.tableNotFound(name)
        }
        definitions.withLock { $0[name] = definition }
        return definition
    }

    /// The cached definition of table `name`, if it was read before.
    func cachedTable(_ name: String) -> GatehouseStore.TableDefinition? {
        definitions.withLock { $0[name] }
    }
}
