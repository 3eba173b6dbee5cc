import GRDB
import GatehouseStore
import Testing

@testable import GatehouseStoreSQLite

/// SQLite failures become store errors that say what happened, without the SQL or its arguments.
struct SQLiteErrorTests {
    struct Mapping: Sendable, CustomTestStringConvertible {
        var result: ResultCode
        var code: TableStoreError.Code
        var expected: String

        init(_ result: ResultCode, _ code: TableStoreError.Code, _ expected: String) {
            self.result = result
            self.code = code
            self.expected = expected
        }

        var testDescription: String { "SQLite result \(result.rawValue)" }
    }

    static let mappings = [
        Mapping(.SQLITE_FULL, .storageFailure, "storage failure: the disk holding the store is full"),
        Mapping(.SQLITE_READONLY, .storageFailure, "storage failure: the store file is read-only"),
        Mapping(.SQLITE_IOERR, .storageFailure, "storage failure: an I/O error occurred in the store file"),
        Mapping(.SQLITE_BUSY, .storageFailure, "storage failure: the store is locked by another connection"),
        Mapping(.SQLITE_CORRUPT, .incompatibleStore, "incompatible store: the store file is damaged"),
        Mapping(.SQLITE_MISMATCH, .storageFailure, "storage failure: SQLite failed with result code 20"),
    ]

    @Test(arguments: mappings)
    func sqliteErrorsBecomeStoreErrors(_ mapping: Mapping) {
        let underlying = DatabaseError(
            resultCode: mapping.result,
            message: "boom",
            sql: "INSERT INTO gatehouse_items VALUES (?)",
            arguments: ["secret"]
        )
        let error = TableStoreError(sqlite: underlying)
        #expect(error.code == mapping.code)
        #expect(error.description == mapping.expected)
        #expect(error.cause is DatabaseError)
    }

    @Test func storeErrorsPassThroughUnchanged() {
        let original = TableStoreError(code: .conditionFailed, message: "the condition does not hold")
        let error = TableStoreError(sqlite: original)
        #expect(error.code == .conditionFailed)
        #expect(error.message == original.message)
    }
}
