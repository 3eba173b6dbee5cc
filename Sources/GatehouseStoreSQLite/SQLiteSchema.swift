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
    static func checkCompatible(path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        configuration.foreignKeysEnabled = false
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

    static func insert(_ db: Database, _ definition: GatehouseStore.TableDefinition) throws {
        try db.execute(
            sql: """
                INSERT INTO gatehouse_tables (name, partition_key, partition_type, sort_key, sort_type, ttl_attribute)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                definition.name, definition.partitionKey.name, definition.partitionKey.type.rawValue,
                definition.sortKey?.name, definition.sortKey?.type.rawValue, definition.timeToLiveAttribute,
            ]
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

    private static func definition(from row: Row) throws -> GatehouseStore.TableDefinition {
        guard let partitionType = KeyType(rawValue: row["partition_type"]) else { throw damaged() }
        var sortKey: KeyAttribute? = nil
        if let sortName: String = row["sort_key"] {
            guard let sortTypeName: String = row["sort_type"], let sortType = KeyType(rawValue: sortTypeName) else {
                throw damaged()
            }
            sortKey = KeyAttribute(sortName, sortType)
        }
        return GatehouseStore.TableDefinition(
            name: row["name"],
            partitionKey: KeyAttribute(row["partition_key"], partitionType),
            sortKey: sortKey,
            timeToLiveAttribute: row["ttl_attribute"]
        )
    }

    static func damaged() -> TableStoreError {
        TableStoreError(code: .incompatibleStore, message: "the store file holds a row this Gatehouse cannot read")
    }
}
