import Foundation
import GRDB
import GatehouseStore

/// The SQL schema of a SQLite store, how a file is recognised as one, and the table definitions it holds.
///
/// `gatehouse_tables` holds one row per store table. `gatehouse_items` holds every item as compact JSON, keyed by
/// (table, partition key, sort key); the key columns are declared BLOB, which in SQLite means "no affinity", so
/// values keep the storage class they are bound with (see `SQLiteTableStore` for the ordering this gives). A
/// partial index on the expiry lets the lazy TTL purge find expired items without a scan.
enum SQLiteSchema {
    /// `PRAGMA application_id` of a Gatehouse store ("GhSt"), so a foreign SQLite file is told apart.
    static let applicationID: Int32 = 0x4768_5374
    /// `PRAGMA user_version`: the version of this schema.
    static let schemaVersion: Int32 = 1

    /// Refuses a file that exists but is not an empty database or a Gatehouse store of this version, without
    /// changing it.
    static func checkCompatible(path: String, busyTimeout: Double) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        configuration.foreignKeysEnabled = false
        // Another store on the file may be closing (its last connection checkpoints and removes the WAL under an
        // exclusive lock): wait for it as every other connection does, rather than fail at once.
        configuration.busyMode = .timeout(busyTimeout)
        let (application, version, tables): (Int32, Int32, Int)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            (application, version, tables) = try queue.read { db in
                (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                )
            }
            try queue.close()
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
        {
            throw TableStoreError(
                code: .incompatibleStore,
                message: "the store file is not a SQLite database or is damaged; it was left unchanged",
                cause: error
            )
        } catch {
            throw TableStoreError(sqlite: error)
        }
        if application == 0 && tables == 0 { return }
        guard application == applicationID else {
            throw TableStoreError(
                code: .incompatibleStore,
                message: "the store file is a SQLite database of another application; it was left unchanged"
            )
        }
        guard version == schemaVersion else {
            throw TableStoreError(
                code: .incompatibleStore,
                message: "the store file has schema version \(version), this Gatehouse reads version "
                    + "\(schemaVersion); it was left unchanged"
            )
        }
    }

    /// Creates the schema of a new store; does nothing on an existing one.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS gatehouse_tables (
                    name TEXT PRIMARY KEY NOT NULL,
                    partition_key TEXT NOT NULL,
                    partition_type TEXT NOT NULL,
                    sort_key TEXT,
                    sort_type TEXT,
                    ttl_attribute TEXT
                );
                CREATE TABLE IF NOT EXISTS gatehouse_items (
                    tbl TEXT NOT NULL,
                    pk BLOB NOT NULL,
                    sk BLOB NOT NULL,
                    item TEXT NOT NULL,
                    expires REAL,
                    PRIMARY KEY (tbl, pk, sk)
                );
                CREATE INDEX IF NOT EXISTS gatehouse_items_expiry
                    ON gatehouse_items (tbl, expires) WHERE expires IS NOT NULL;
                PRAGMA application_id = \(applicationID);
                PRAGMA user_version = \(schemaVersion);
                """
        )
    }

    static func definition(_ db: Database, name: String) throws -> GatehouseStore.TableDefinition? {
        let statement = try db.cachedStatement(sql: "SELECT * FROM gatehouse_tables WHERE name = ?")
        return try Row.fetchOne(statement, arguments: [name]).map(definition(from:))
    }

    static func definitions(_ db: Database) throws -> [GatehouseStore.TableDefinition] {
        // Ordered by the bytes of the name, as the memory store orders them.
        try Row.fetchAll(db, sql: "SELECT * FROM gatehouse_tables ORDER BY CAST(name AS BLOB)").map(definition(from:))
    }

    /// The definition of table `name`, read through a direct connection.
    static func definition(_ connection: DirectConnection, name: String) throws -> GatehouseStore.TableDefinition? {
        let statement = try connection.statement(.tableDefinition)
        defer { statement.reset() }
        statement.bind(text: name, at: 1)
        guard try statement.step() else { return nil }
        return try definition(
            name: statement.text(at: 0),
            partitionKey: statement.text(at: 1),
            partitionType: statement.text(at: 2),
            sortKey: statement.text(at: 3),
            sortType: statement.text(at: 4),
            timeToLiveAttribute: statement.text(at: 5)
        )
    }

    /// Adds a table's row through a direct connection.
    static func insert(_ connection: DirectConnection, _ definition: GatehouseStore.TableDefinition) throws {
        let statement = try connection.statement(.insertTableDefinition)
        statement.bind(text: definition.name, at: 1)
        statement.bind(text: definition.partitionKey.name, at: 2)
        statement.bind(text: definition.partitionKey.type.rawValue, at: 3)
        statement.bind(optionalText: definition.sortKey?.name, at: 4)
        statement.bind(optionalText: definition.sortKey?.type.rawValue, at: 5)
        statement.bind(optionalText: definition.timeToLiveAttribute, at: 6)
        try statement.run()
    }

    private static func definition(from row: Row) throws -> GatehouseStore.TableDefinition {
        try definition(
            name: row["name"],
            partitionKey: row["partition_key"],
            partitionType: row["partition_type"],
            sortKey: row["sort_key"],
            sortType: row["sort_type"],
            timeToLiveAttribute: row["ttl_attribute"]
        )
    }

    /// The definition in a row of `gatehouse_tables`; a row with missing or unknown parts is damage.
    private static func definition(
        name: String?,
        partitionKey: String?,
        partitionType: String?,
        sortKey: String?,
        sortType: String?,
        timeToLiveAttribute: String?
    ) throws -> GatehouseStore.TableDefinition {
        guard let name, let partitionKey, let partitionType = partitionType.flatMap(KeyType.init(rawValue:)) else {
            throw damaged()
        }
        var sort: KeyAttribute? = nil
        if let sortKey {
            guard let sortType = sortType.flatMap(KeyType.init(rawValue:)) else { throw damaged() }
            sort = KeyAttribute(sortKey, sortType)
        }
        return GatehouseStore.TableDefinition(
            name: name,
            partitionKey: KeyAttribute(partitionKey, partitionType),
            sortKey: sort,
            timeToLiveAttribute: timeToLiveAttribute
        )
    }

    static func damaged() -> TableStoreError {
        TableStoreError(code: .incompatibleStore, message: "the store file holds a row this Gatehouse cannot read")
    }
}
