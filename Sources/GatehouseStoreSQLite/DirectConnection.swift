import GRDB
import GRDBSQLite
import GatehouseStore

/// One SQLite connection used through the C API, with the store's statements prepared once: point reads and the
/// writer run on these, so an operation costs its statements and little more.
///
/// GRDB's `DatabasePool` stays for opening and creating the file, queries, scans and the closing checkpoint; a
/// connection of its own costs a queue hop and a pool check-out per operation, which is most of a point read.
final class DirectConnection: @unchecked Sendable {
    // @unchecked Sendable: a connection is used by one thread at a time, a reader between its check-out and
    // check-in (`SQLiteReaders`), the writer's on the writer's thread only (`SQLiteWriter`). It is opened without
    // SQLite's own mutex for that reason.

    private var handle: OpaquePointer?
    private var prepared: [OpaquePointer?]

    /// Opens the existing store file at `path`; a read-only connection cannot write, so it cannot damage the file.
    init(path: String, readOnly: Bool, busyTimeout: Double) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            // A handle is allocated even when opening fails, and must be closed.
            sqlite3_close(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code))
        }
        self.handle = handle
        prepared = Array(repeating: nil, count: StoreSQL.allCases.count)
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Int32(min(busyTimeout * 1000, Double(Int32.max)).rounded()))
    }

    deinit {
        close()
    }

    /// Whether a transaction is open: false after COMMIT or ROLLBACK, and after an error that made SQLite roll the
    /// transaction back by itself (a full disk, an I/O error).
    var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// The prepared statement of `sql`, prepared on first use; it is reset and ready for new bindings.
    func statement(_ sql: StoreSQL) throws -> DirectStatement {
        guard let handle else { throw Self.closedError }
        if let statement = prepared[sql.rawValue] {
            return DirectStatement(statement, connection: handle)
        }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql.text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw DirectStatement.error(code: code, connection: handle)
        }
        prepared[sql.rawValue] = statement
        return DirectStatement(statement, connection: handle)
    }

    /// Runs `sql`, a statement that returns no rows.
    func run(_ sql: StoreSQL) throws {
        try statement(sql).run()
    }

    /// Runs SQL text without arguments, such as a pragma.
    func execute(_ sql: String) throws {
        guard let handle else { throw Self.closedError }
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw DirectStatement.error(code: code, connection: handle) }
    }

    /// Sets how long a statement waits for another connection's lock before it fails with `SQLITE_BUSY`, in
    /// milliseconds; 0 fails at once.
    func setBusyTimeout(milliseconds: Int32) {
        guard let handle else { return }
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Calls `hook` with the WAL's size in pages after every commit of this connection, in place of SQLite's own
    /// automatic checkpoint (which would run the checkpoint, and its sync, on the committing thread).
    /// `context` is passed to `hook` as is; it must outlive the connection.
    func setCommitHook(
        context: UnsafeMutableRawPointer,
        _ hook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    ) {
        guard let handle else { return }
        sqlite3_wal_hook(handle, hook, context)
    }

    /// Finalizes the statements and closes the connection; later use throws.
    func close() {
        guard let handle else { return }
        for statement in prepared { sqlite3_finalize(statement) }
        prepared = Array(repeating: nil, count: prepared.count)
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The error of using a closed connection: the store was closed.
    static let closedError = TableStoreError(code: .storageFailure, message: "the store is closed")
}
