import GatehouseJSON
import Logging
import NIOCore
import PostgresNIO

/// The statements `PostgresTableStore` runs for a point get and an unconditional put of an item keyed by a string,
/// as postgres-nio prepared statements on a pool of its own (the same size as the store's): what the store costs
/// above the database and the driver.
///
/// A get is one SELECT. A put reads the row, then updates it if its version is still the one read, or inserts it
/// when there was none (the store's compare and set).
struct RawPostgres {
    let client: PostgresClient

    struct Select: PostgresPreparedStatement {
        static let sql = """
            SELECT item, expires, version FROM gatehouse_items
            WHERE tbl = $1 AND pk = $2 AND pkn = $3::numeric AND sk = $4 AND skn = $5::numeric
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .bytea, .text, .bytea, .text]
        typealias Row = (ByteBuffer?, Double?, Int64)
        var table: String
        var id: String
        func makeBindings() -> PostgresBindings {
            RawPostgres.bindings(table: table, id: id, count: 5)
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    struct Insert: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO gatehouse_items (tbl, pk, pkn, sk, skn, item, expires, version)
            VALUES ($1, $2, $3::numeric, $4, $5::numeric, $6, $7, 1)
            ON CONFLICT DO NOTHING RETURNING version
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .bytea, .text, .bytea, .text, .text, .float8]
        typealias Row = Int64
        var table: String
        var id: String
        var item: String
        func makeBindings() -> PostgresBindings {
            var bindings = RawPostgres.bindings(table: table, id: id, count: 7)
            bindings.append(item)
            bindings.append(Double?.none)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    struct Update: PostgresPreparedStatement {
        static let sql = """
            UPDATE gatehouse_items SET item = $6, expires = $7, version = version + 1
            WHERE tbl = $1 AND pk = $2 AND pkn = $3::numeric AND sk = $4 AND skn = $5::numeric AND version = $8
            RETURNING version
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .bytea, .text, .bytea, .text, .text, .float8, .int8]
        typealias Row = Int64
        var table: String
        var id: String
        var item: String
        var version: Int64
        func makeBindings() -> PostgresBindings {
            var bindings = RawPostgres.bindings(table: table, id: id, count: 8)
            bindings.append(item)
            bindings.append(Double?.none)
            bindings.append(version)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// The raw item of `id`, if any.
    func get(table: String, id: String) async throws -> ByteBuffer? {
        try await client.withConnection { connection in
            var found: ByteBuffer? = nil
            for try await row in try await connection.execute(Select(table: table, id: id), logger: Self.logger) {
                found = row.0
            }
            return found
        }
    }

    /// Stores the item: read, then update or insert.
    func put(table: String, id: String, item: JSONObject) async throws {
        let text = JSONWriter.string(.object(item))
        try await client.withConnection { connection in
            var version: Int64? = nil
            for try await row in try await connection.execute(Select(table: table, id: id), logger: Self.logger) {
                version = row.2
            }
            if let version {
                for try await _ in try await connection.execute(
                    Update(table: table, id: id, item: text, version: version), logger: Self.logger)
                {}
            } else {
                for try await _ in try await connection.execute(
                    Insert(table: table, id: id, item: text), logger: Self.logger)
                {}
            }
        }
    }

    /// Bindings with room for `count` values, the key of a string-keyed item bound first, as the store binds it.
    static func bindings(table: String, id: String, count: Int) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: count)
        bindings.append(table)
        bindings.append(ByteBuffer(string: id))
        bindings.append("0")
        bindings.append(ByteBuffer())
        bindings.append("0")
        return bindings
    }

    static let logger = Logger(label: "raw", factory: { _ in SwiftLogNoOpLogHandler() })
}
