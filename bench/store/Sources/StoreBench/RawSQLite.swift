import CSQLite
import Foundation
import GatehouseSpec
import GatehouseJSON

/// The baseline: the statements `SQLiteTableStore` runs for a point put and a point get, on the same schema with the
/// same pragmas (WAL, synchronous NORMAL), through the C API with prepared statements and nothing else around them.
/// Items are encoded and decoded with the same JSON writer and parser, and the connection is opened without SQLite's
/// own mutex as the store's are, so the difference is the store's own work: the hop to its writer thread and back,
/// the check-out of a reader, the table-definition lookup, key and size checks. (A put through the store runs these
/// very statements when it commits alone; writes that arrive together share one transaction, each in a savepoint.)
final class RawSQLite {
    private var db: OpaquePointer?
    private var begin: OpaquePointer?
    private var commit: OpaquePointer?
    private var current: OpaquePointer?
    private var upsert: OpaquePointer?
    private var select: OpaquePointer?

    init(path: String) {
        check(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil))
        exec("PRAGMA journal_mode = WAL")
        exec("PRAGMA synchronous = NORMAL")
        exec(
            """
            CREATE TABLE IF NOT EXISTS gatehouse_items (
                tbl TEXT NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, item TEXT NOT NULL, expires REAL,
                PRIMARY KEY (tbl, pk, sk))
            """)
        begin = prepare("BEGIN IMMEDIATE")
        commit = prepare("COMMIT")
        current = prepare("SELECT item, expires FROM gatehouse_items WHERE tbl = ? AND pk = ? AND sk = ?")
        upsert = prepare(
            """
            INSERT INTO gatehouse_items (tbl, pk, sk, item, expires) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tbl, pk, sk) DO UPDATE SET item = excluded.item, expires = excluded.expires
            """)
        select = prepare("SELECT item, expires FROM gatehouse_items WHERE tbl = ? AND pk = ? AND sk = ?")
    }

    deinit {
        for statement in [begin, commit, current, upsert, select] { sqlite3_finalize(statement) }
        sqlite3_close(db)
    }

    /// A put: one IMMEDIATE transaction reading the item it replaces, then writing the new one.
    func put(table: String, id: String, item: JSONObject) {
        let json = JSONWriter.string(.object(item))
        step(begin)
        bindKey(current, table: table, id: id)
        _ = sqlite3_step(current)
        sqlite3_reset(current)
        bindKey(upsert, table: table, id: id)
        sqlite3_bind_text(upsert, 4, json, -1, transient)
        sqlite3_bind_null(upsert, 5)
        step(upsert)
        step(commit)
    }

    /// A get: one SELECT by key (its own read transaction), the item parsed.
    func get(table: String, id: String) -> JSONObject? {
        bindKey(select, table: table, id: id)
        defer { sqlite3_reset(select) }
        guard sqlite3_step(select) == SQLITE_ROW, let text = sqlite3_column_text(select, 0) else { return nil }
        let count = Int(sqlite3_column_bytes(select, 0))
        let bytes = Array(UnsafeBufferPointer(start: text, count: count))
        return (try? JSONParser.parse(bytes))?.objectValue
    }

    private func bindKey(_ statement: OpaquePointer?, table: String, id: String) {
        sqlite3_bind_text(statement, 1, table, -1, transient)
        let key = Array(id.utf8)
        _ = key.withUnsafeBytes { sqlite3_bind_blob(statement, 2, $0.baseAddress, Int32($0.count), transient) }
        sqlite3_bind_int64(statement, 3, 0)
    }

    private func step(_ statement: OpaquePointer?) {
        let result = sqlite3_step(statement)
        guard result == SQLITE_DONE || result == SQLITE_ROW else { fatalError("sqlite3_step: \(result)") }
        sqlite3_reset(statement)
    }

    private func exec(_ sql: String) {
        check(sqlite3_exec(db, sql, nil, nil, nil))
    }

    private func prepare(_ sql: String) -> OpaquePointer? {
        var statement: OpaquePointer?
        check(sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        return statement
    }

    private func check(_ result: Int32) {
        guard result == SQLITE_OK else { fatalError("SQLite: \(String(cString: sqlite3_errmsg(db)))") }
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound bytes.
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
