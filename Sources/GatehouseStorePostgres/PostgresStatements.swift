import NIOCore
import PostgresNIO

/// The statements of point operations, prepared once per connection (postgres-nio keeps them by name).
///
/// Every key is bound as its two columns (`PostgresKey`); the numeric column is sent as text and cast, so it is
/// exact. Table names and values are always bound, never part of the SQL text.
enum PostgresStatements {
    /// The key columns of one item, bound as $1 to $5.
    struct ItemAddress: Sendable, Hashable {
        var table: String
        var partition: PostgresKey
        var sort: PostgresKey

        func bind(into bindings: inout PostgresBindings) {
            bindings.append(table)
            // A ByteBuffer binds as bytea; an array of bytes would bind as an array of "char".
            bindings.append(ByteBuffer(bytes: partition.bytes))
            bindings.append(partition.number)
            bindings.append(ByteBuffer(bytes: sort.bytes))
            bindings.append(sort.number)
        }

        /// Bindings with room for `count` values, the address's five bound first.
        func bindings(count: Int) -> PostgresBindings {
            var bindings = PostgresBindings(capacity: count)
            bind(into: &bindings)
            return bindings
        }

        static let types: [PostgresDataType] = [.text, .bytea, .text, .bytea, .text]
        static let predicate = "tbl = $1 AND pk = $2 AND pkn = $3::numeric AND sk = $4 AND skn = $5::numeric"
    }

    /// The SQL form of a live row (`PostgresTableStore.liveText`): it holds an item (it is not a transaction's
    /// placeholder) that has not expired at `now` (a bound value); `row` is the table's alias in the statement.
    static func live(_ row: String? = nil, now: String) -> String {
        let column = row.map { "\($0)." } ?? ""
        return "\(column)item IS NOT NULL AND (\(column)expires IS NULL OR \(column)expires > \(now))"
    }

    /// A stored row: the item's JSON (nil for a transaction's placeholder), its expiry and its version.
    struct StoredRow: Sendable {
        var item: ByteBuffer?
        var expires: Double?
        var version: Int64
    }

    /// A statement that takes an item's address and returns its stored row.
    protocol RowStatement: PostgresPreparedStatement where Row == StoredRow {
        var address: ItemAddress { get }
    }

    /// The row of one item.
    struct Select: RowStatement {
        static let name = "gatehouse_select_item_v1"
        static let sql = "SELECT item, expires, version FROM gatehouse_items WHERE \(ItemAddress.predicate)"
        static let bindingDataTypes = ItemAddress.types
        var address: ItemAddress
    }

    /// The row of one item, locked until the transaction ends.
    struct SelectForUpdate: RowStatement {
        static let name = "gatehouse_select_item_for_update_v1"
        static let sql = Select.sql + " FOR UPDATE"
        static let bindingDataTypes = ItemAddress.types
        var address: ItemAddress
    }

    /// Inserts an item that is absent; returns no row when another writer inserted it first.
    struct Insert: PostgresPreparedStatement {
        static let name = "gatehouse_insert_item_v1"
        static let sql = """
            INSERT INTO gatehouse_items (tbl, pk, pkn, sk, skn, item, expires, version)
            VALUES ($1, $2, $3::numeric, $4, $5::numeric, $6, $7, 1)
            ON CONFLICT DO NOTHING RETURNING version
            """
        static let bindingDataTypes = ItemAddress.types + [.text, .float8]
        typealias Row = Int64

        var address: ItemAddress
        var item: String
        var expires: Double?

        func makeBindings() -> PostgresBindings {
            var bindings = address.bindings(count: 7)
            bindings.append(item)
            bindings.append(expires)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Inserts a placeholder row (no item) to lock an absent item for a transaction.
    struct InsertPlaceholder: PostgresPreparedStatement {
        static let name = "gatehouse_insert_placeholder_v1"
        static let sql = """
            INSERT INTO gatehouse_items (tbl, pk, pkn, sk, skn, item, expires, version)
            VALUES ($1, $2, $3::numeric, $4, $5::numeric, NULL, NULL, 0)
            ON CONFLICT DO NOTHING
            """
        static let bindingDataTypes = ItemAddress.types
        typealias Row = Void

        var address: ItemAddress

        func makeBindings() -> PostgresBindings {
            address.bindings(count: 5)
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Replaces the item if its version is still the one read; returns no row when another writer changed it.
    struct Update: PostgresPreparedStatement {
        static let name = "gatehouse_update_item_v1"
        static let sql = """
            UPDATE gatehouse_items SET item = $6, expires = $7, version = version + 1
            WHERE \(ItemAddress.predicate) AND version = $8 RETURNING version
            """
        static let bindingDataTypes = ItemAddress.types + [.text, .float8, .int8]
        typealias Row = Int64

        var address: ItemAddress
        var item: String
        var expires: Double?
        var version: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = address.bindings(count: 8)
            bindings.append(item)
            bindings.append(expires)
            bindings.append(version)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Deletes the item if its version is still the one read; returns no row when another writer changed it.
    struct Delete: PostgresPreparedStatement {
        static let name = "gatehouse_delete_item_v1"
        static let sql = "DELETE FROM gatehouse_items WHERE \(ItemAddress.predicate) AND version = $6 RETURNING version"
        static let bindingDataTypes = ItemAddress.types + [.int8]
        typealias Row = Int64

        var address: ItemAddress
        var version: Int64

        func makeBindings() -> PostgresBindings {
            var bindings = address.bindings(count: 6)
            bindings.append(version)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Deletes a bounded batch of a table's expired items, so they go away a little at every write.
    struct PurgeExpired: PostgresPreparedStatement {
        static let name = "gatehouse_purge_expired_v1"
        static let sql = """
            DELETE FROM gatehouse_items WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM gatehouse_items WHERE tbl = $1 AND expires <= $2 LIMIT 64
            ))
            """
        static let bindingDataTypes: [PostgresDataType] = [.text, .float8]
        typealias Row = Void

        var table: String
        var now: Double

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(table)
            bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }
}

extension PostgresStatements.RowStatement {
    func makeBindings() -> PostgresBindings {
        address.bindings(count: 5)
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresStatements.StoredRow {
        let (item, expires, version) = try row.decode((ByteBuffer?, Double?, Int64).self)
        return PostgresStatements.StoredRow(item: item, expires: expires, version: version)
    }
}
