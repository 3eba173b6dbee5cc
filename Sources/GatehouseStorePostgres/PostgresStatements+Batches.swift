import NIOCore
import PostgresNIO

/// The statements of batched point operations (`StatementBatcher`): many items' addresses bound as arrays, one
/// element per call, so one round trip serves them all.
extension PostgresStatements {
    /// The addresses of a batch as five arrays, bound as $1 to $5 (the numeric columns as text, cast).
    struct AddressArrays: Sendable {
        var tables: [String] = []
        var partitions: [ByteBuffer] = []
        var partitionNumbers: [String] = []
        var sorts: [ByteBuffer] = []
        var sortNumbers: [String] = []

        init(_ addresses: some Sequence<ItemAddress>) {
            for address in addresses {
                tables.append(address.table)
                partitions.append(ByteBuffer(bytes: address.partition.bytes))
                partitionNumbers.append(address.partition.number)
                sorts.append(ByteBuffer(bytes: address.sort.bytes))
                sortNumbers.append(address.sort.number)
            }
        }

        func bindings(count: Int) -> PostgresBindings {
            var bindings = PostgresBindings(capacity: count)
            bind(into: &bindings)
            return bindings
        }

        func bind(into bindings: inout PostgresBindings) {
            bindings.append(tables)
            bindings.append(partitions)
            bindings.append(partitionNumbers)
            bindings.append(sorts)
            bindings.append(sortNumbers)
        }

        static let types: [PostgresDataType] = [.textArray, .byteaArray, .textArray, .byteaArray, .textArray]
        /// The arrays as rows `k(tbl, pk, pkn, sk, skn, …, n)`, `n` counting from 1 in the order bound.
        static let columns = "unnest($1::text[], $2::bytea[], $3::text[], $4::bytea[], $5::text[]"
        static let join = """
            i.tbl = k.tbl AND i.pk = k.pk AND i.pkn = k.pkn::numeric AND i.sk = k.sk AND i.skn = k.skn::numeric
            """
    }

    /// The stored rows of several items: each row found with the position (from 1) of its address in the batch.
    struct SelectBatch: PostgresPreparedStatement {
        static let name = "gatehouse_select_items_v1"
        static let sql = """
            SELECT k.n, i.item, i.expires, i.version
            FROM \(AddressArrays.columns)) WITH ORDINALITY AS k(tbl, pk, pkn, sk, skn, n)
            JOIN gatehouse_items i ON \(AddressArrays.join)
            """
        static let bindingDataTypes = AddressArrays.types
        typealias Row = (position: Int, row: StoredRow)

        var addresses: AddressArrays

        func makeBindings() -> PostgresBindings {
            addresses.bindings(count: 5)
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            let (position, item, expires, version) = try row.decode((Int64, ByteBuffer?, Double?, Int64).self)
            return (Int(position), StoredRow(item: item, expires: expires, version: version))
        }
    }

    /// Inserts several absent items, in key order (so two batches never wait for each other's rows); returns the
    /// position (from 1) of each one inserted. An item another writer inserted first is skipped, as `Insert` does.
    /// The addresses of one batch must differ. An expiry of NaN stands for none.
    struct InsertBatch: PostgresPreparedStatement {
        static let name = "gatehouse_insert_items_v1"
        static let sql = """
            WITH k AS (
                SELECT * FROM \(AddressArrays.columns), $6::text[], $7::float8[])
                    WITH ORDINALITY AS k(tbl, pk, pkn, sk, skn, item, expires, n)
            ), inserted AS (
                INSERT INTO gatehouse_items (tbl, pk, pkn, sk, skn, item, expires, version)
                SELECT tbl, pk, pkn::numeric, sk, skn::numeric, item, NULLIF(expires, 'NaN'), 1 FROM k
                ORDER BY tbl, pk, pkn::numeric, sk, skn::numeric
                ON CONFLICT DO NOTHING RETURNING tbl, pk, pkn, sk, skn
            )
            SELECT k.n FROM k JOIN inserted i ON \(AddressArrays.join)
            """
        static let bindingDataTypes = AddressArrays.types + [.textArray, .float8Array]
        typealias Row = Int

        var addresses: AddressArrays
        var items: [String]
        var expiries: [Double]

        func makeBindings() -> PostgresBindings {
            var bindings = addresses.bindings(count: 7)
            bindings.append(items)
            bindings.append(expiries)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Int { Int(try row.decode(Int64.self)) }
    }

    /// Inserts several absent items as `InsertBatch` does, each only where its guard item is live (present, not a
    /// placeholder, not expired at $13): a create that a condition check on another item guards, as a to-do
    /// requires its list. The guard's row is locked (FOR KEY SHARE) until the commit, so a delete of it waits, and a
    /// guard deleted by a transaction that commits first is seen as gone. Returns a row for each create whose guard
    /// was live: its position (from 1), and whether it inserted its item.
    struct GuardedInsertBatch: PostgresPreparedStatement {
        static let name = "gatehouse_insert_guarded_items_v1"
        static let sql = """
            WITH k AS (
                SELECT * FROM \(AddressArrays.columns), $6::text[], $7::float8[],
                    $8::text[], $9::bytea[], $10::text[], $11::bytea[], $12::text[])
                    WITH ORDINALITY AS k(tbl, pk, pkn, sk, skn, item, expires, gtbl, gpk, gpkn, gsk, gskn, n)
            ), guarded AS (
                SELECT k.n FROM k JOIN gatehouse_items g
                    ON g.tbl = k.gtbl AND g.pk = k.gpk AND g.pkn = k.gpkn::numeric AND g.sk = k.gsk
                    AND g.skn = k.gskn::numeric
                WHERE \(live("g", now: "$13"))
                FOR KEY SHARE OF g
            ), inserted AS (
                INSERT INTO gatehouse_items (tbl, pk, pkn, sk, skn, item, expires, version)
                SELECT tbl, pk, pkn::numeric, sk, skn::numeric, item, NULLIF(expires, 'NaN'), 1 FROM k
                WHERE n IN (SELECT n FROM guarded)
                ORDER BY tbl, pk, pkn::numeric, sk, skn::numeric
                ON CONFLICT DO NOTHING RETURNING tbl, pk, pkn, sk, skn
            )
            SELECT k.n, i.tbl IS NOT NULL FROM k JOIN guarded g ON g.n = k.n
            LEFT JOIN inserted i ON \(AddressArrays.join)
            """
        static let bindingDataTypes = InsertBatch.bindingDataTypes + AddressArrays.types + [.float8]
        /// The position (from 1) of a create whose guard was live, and whether it inserted its item.
        typealias Row = (position: Int, inserted: Bool)

        var inserts: InsertBatch
        var guards: AddressArrays
        var now: Double

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 13)
            inserts.addresses.bind(into: &bindings)
            bindings.append(inserts.items)
            bindings.append(inserts.expiries)
            guards.bind(into: &bindings)
            bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            let (position, inserted) = try row.decode((Int64, Bool).self)
            return (Int(position), inserted)
        }
    }
}
