import GRDB
import GRDBSQLite

/// A prepared statement of a `DirectConnection`: bind the arguments, step, read the columns in place, reset.
///
/// Bound strings and bytes are copied by SQLite (`SQLITE_TRANSIENT`), so the caller's values need not outlive the
/// call; columns are read before `reset()`, which ends the statement's read of the database.
struct DirectStatement {
    private let statement: OpaquePointer
    private let connection: OpaquePointer

    init(_ statement: OpaquePointer, connection: OpaquePointer) {
        self.statement = statement
        self.connection = connection
    }

    /// Binds the UTF-8 bytes of `string` as TEXT, NUL characters included.
    func bind(text string: String, at index: Int32) {
        var string = string
        string.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                // An empty buffer may have no address; SQLite reads no byte of a zero-length string.
                let start = characters.baseAddress ?? Self.emptyText
                _ = sqlite3_bind_text(statement, index, start, Int32(characters.count), Self.transient)
            }
        }
    }

    /// Binds `bytes` as a BLOB.
    func bind(blob bytes: UnsafeRawBufferPointer, at index: Int32) {
        // An empty buffer may have no address, and a NULL pointer would bind NULL: a zero-length BLOB is wanted.
        let start = bytes.baseAddress ?? UnsafeRawPointer(Self.emptyText)
        _ = sqlite3_bind_blob(statement, index, start, Int32(bytes.count), Self.transient)
    }

    func bind(_ value: Int64, at index: Int32) {
        _ = sqlite3_bind_int64(statement, index, value)
    }

    /// Binds `value`, or NULL when it is nil.
    func bind(_ value: Double?, at index: Int32) {
        if let value {
            _ = sqlite3_bind_double(statement, index, value)
        } else {
            _ = sqlite3_bind_null(statement, index)
        }
    }

    /// Binds `string`'s UTF-8 bytes as TEXT, or NULL when it is nil.
    func bind(optionalText string: String?, at index: Int32) {
        if let string {
            bind(text: string, at: index)
        } else {
            _ = sqlite3_bind_null(statement, index)
        }
    }

    /// Steps once: true when a row is ready to read, false when the statement is done.
    func step() throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            sqlite3_reset(statement)
            throw Self.error(code: code, connection: connection)
        }
    }

    /// Runs a statement that returns no rows, and resets it.
    func run() throws {
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    /// Ends the statement's current run, so it holds no read of the database; its bindings stay until rebound.
    func reset() {
        sqlite3_reset(statement)
    }

    /// The REAL or INTEGER column `index` of the current row as a double, or nil when it is NULL.
    func double(at index: Int32) -> Double? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_double(statement, index)
    }

    /// The TEXT column `index` of the current row, or nil when it is NULL.
    func text(at index: Int32) -> String? {
        guard let start = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// Calls `body` with the bytes of the TEXT column `index` of the current row, in SQLite's buffer (valid only
    /// during the call), or nil when the column is NULL.
    func withBytes<T>(at index: Int32, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        guard let start = sqlite3_column_text(statement, index) else { return try body(nil) }
        let count = Int(sqlite3_column_bytes(statement, index))
        return try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// The error SQLite reports for a failed call on `connection`, as GRDB reports it, so one mapping to store
    /// errors serves both (`TableStoreError(sqlite:)`).
    static func error(code: Int32, connection: OpaquePointer) -> DatabaseError {
        let extended = sqlite3_extended_errcode(connection)
        // The extended code refines the primary one when it belongs to the same failure.
        let result = extended & 0xFF == code & 0xFF ? extended : code
        return DatabaseError(
            resultCode: ResultCode(rawValue: result), message: String(cString: sqlite3_errmsg(connection)))
    }

    /// SQLITE_TRANSIENT: SQLite copies what is bound.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// An address for zero-length values: a static C string, which SQLite never reads past its length (0).
    private static var emptyText: UnsafePointer<CChar> {
        UnsafeRawPointer(StaticString("").utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
