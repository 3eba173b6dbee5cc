import GRDB
import GatehouseStore

extension TableStoreError {
    /// The store's error for an error thrown while using SQLite: store errors pass through, SQLite errors become
    /// `storageFailure` or `incompatibleStore` with a message that names the condition but not the SQL or values.
    init(sqlite error: any Error) {
        if let error = error as? TableStoreError {
            self = error
            return
        }
        guard let database = error as? DatabaseError else {
            self.init(code: .storageFailure, message: "the SQLite store failed", cause: error)
            return
        }
        let code = database.resultCode
        let (storeCode, message): (TableStoreError.Code, String) =
            switch code {
            case .SQLITE_FULL: (.storageFailure, "the disk holding the store is full")
            case .SQLITE_READONLY: (.storageFailure, "the store file is read-only")
            case .SQLITE_PERM, .SQLITE_CANTOPEN: (.storageFailure, "the store file cannot be opened")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                // An extended code (BUSY_RECOVERY, BUSY_SNAPSHOT, …) says which lock; the plain one says nothing more.
                database.extendedResultCode == code
                    ? (.storageFailure, "the store is locked by another connection")
                    : (
                        .storageFailure,
                        "the store is locked by another connection (SQLite code \(database.extendedResultCode.rawValue))"
                    )
            case .SQLITE_IOERR: (.storageFailure, "an I/O error occurred in the store file")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: (.incompatibleStore, "the store file is damaged")
            default: (.storageFailure, "SQLite failed with result code \(code.rawValue)")
            }
        self.init(code: storeCode, message: message, cause: error)
    }
}
