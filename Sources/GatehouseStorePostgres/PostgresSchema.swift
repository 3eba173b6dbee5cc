import GatehouseStore
import Logging
import PostgresNIO

/// The SQL schema of a PostgreSQL store, how a database is recognised as one, and the table definitions it holds.
///
/// `gatehouse_schema` holds one row: the schema's version. `gatehouse_tables` holds one row per store table.
/// `gatehouse_items` holds every item as compact JSON, keyed by (table, partition key, sort key), each key in two
/// columns (`PostgresKey`). An item's `version` grows at every write, so a write can be made conditional on the
/// item it read (compare and set). A row whose `item` is NULL is a placeholder a transaction inserts to lock an
/// absent item; it is removed before that transaction commits, and reads treat it as absent.
enum PostgresSchema {
    /// The version of this schema.
    static let version = 1
    /// The key of the advisory lock held while the schema is checked and created, so instances that start together
    /// create it once ("GhSt").
    static let lockKey: Int64 = 0x4768_5374

    static let statements = [
        """
        CREATE TABLE gatehouse_schema (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            version integer NOT NULL
        )
        """,
        """
        CREATE TABLE gatehouse_tables (
            name text PRIMARY KEY,
            partition_key text NOT NULL,
            partition_type text NOT NULL,
            sort_key text,
            sort_type text,
            ttl_attribute text
        )
        """,
        """
        CREATE TABLE gatehouse_items (
            tbl text NOT NULL,
            pk bytea NOT NULL,
            pkn numeric NOT NULL,
            sk bytea NOT NULL,
            skn numeric NOT NULL,
            item text,
            expires double precision,
            version bigint NOT NULL,
            PRIMARY KEY (tbl, pk, pkn, sk, skn)
        )
        """,
        "CREATE INDEX gatehouse_items_expiry ON gatehouse_items (tbl, expires) WHERE expires IS NOT NULL",
        "INSERT INTO gatehouse_schema (version) VALUES (\(version))",
    ]

    /// Checks that the database is empty or a Gatehouse store of a version this binary reads, and creates the
    /// schema in an empty one, all in one transaction under an advisory lock: nothing is changed when it is refused.
    static func prepare(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            if let found = try await existingVersion(connection, logger: logger) {
                guard found == version else {
                    throw TableStoreError(
                        code: .incompatibleStore,
                        message: "the database holds a Gatehouse store of schema version \(found); this Gatehouse "
                            + "reads version \(version) (upgrade Gatehouse); nothing was changed"
                    )
                }
            } else {
                let foreign = try await foreignTables(connection, logger: logger)
                guard foreign.isEmpty else {
                    let names = foreign.map { "'\($0)'" }.joined(separator: ", ")
                    throw TableStoreError(
                        code: .incompatibleStore,
                        message: "the database holds tables that are not a Gatehouse store (\(names)); use an empty "
                            + "database or one Gatehouse created; nothing was changed"
                    )
                }
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// The version in `gatehouse_schema`, or nil when the database has no such table.
    private static func existingVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await connection.query(
            "SELECT to_regclass('gatehouse_schema') IS NOT NULL",
            logger: logger
        ).collect()
        guard try exists.first?.decode(Bool.self) == true else { return nil }
        let rows = try await connection.query("SELECT version FROM gatehouse_schema", logger: logger).collect()
        guard let row = rows.first else {
            throw TableStoreError(
                code: .incompatibleStore,
                message: "the database's gatehouse_schema table is empty; it was not made by Gatehouse; nothing was "
                    + "changed"
            )
        }
        return Int(try row.decode(Int32.self))
    }

    /// Up to three tables of the current schema, which a database new to Gatehouse must not have.
    private static func foreignTables(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() ORDER BY table_name LIMIT 3
            """,
            logger: logger
        ).collect()
        return try rows.map { try $0.decode(String.self) }
    }

    /// The definition stored in a `gatehouse_tables` row.
    static func definition(
        name: String,
        partitionKey: String,
        partitionType: String,
        sortKey: String?,
        sortType: String?,
        timeToLive: String?
    ) throws -> TableDefinition {
        guard let partition = KeyType(rawValue: partitionType) else { throw damaged() }
        var sort: KeyAttribute? = nil
        if let sortKey {
            guard let sortType, let type = KeyType(rawValue: sortType) else { throw damaged() }
            sort = KeyAttribute(sortKey, type)
        }
        return TableDefinition(
            name: name,
            partitionKey: KeyAttribute(partitionKey, partition),
            sortKey: sort,
            timeToLiveAttribute: timeToLive
        )
    }

    static func damaged() -> TableStoreError {
        TableStoreError(code: .incompatibleStore, message: "the database holds a row this Gatehouse cannot read")
    }
}
