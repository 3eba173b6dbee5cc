import Foundation
import GRDB
import GatehouseStore

/// How key values are bound in SQL: a representation whose SQLite ordering is the store's ordering.
///
/// Strings become BLOBs of their UTF-8 bytes (BLOBs compare with `memcmp`, so two strings that Unicode deems
/// equivalent stay distinct, and `begins_with` becomes a byte range), binary values BLOBs, numbers INTEGER or REAL.
enum SQLiteKey {
    /// The bound value of a key value.
    static func value(_ key: KeyValue) -> DatabaseValue {
        switch key {
        case .string(let string):
            return Data(string.utf8).databaseValue
        case .binary(let bytes):
            return Data(bytes).databaseValue
        case .number:
            switch key.numericValue {
            case .integer(let integer): return integer.databaseValue
            case .double(let double): return double.databaseValue
            case nil: return .null
            }
        }
    }

    /// The sort-key column's value for a table without a sort key: every item of a partition shares it.
    static let noSortKey = Int64(0).databaseValue

    /// The bound sort key of `key`.
    static func sortValue(_ key: ItemKey) -> DatabaseValue {
        key.sort.map(value) ?? noSortKey
    }

    /// Binds `key` to `statement` at `index`, as `value(_:)` represents it, without an intermediate copy of a
    /// string's bytes.
    static func bind(_ key: KeyValue, to statement: DirectStatement, at index: Int32) {
        switch key {
        case .string(let string):
            var string = string
            string.withUTF8 { bytes in statement.bind(blob: UnsafeRawBufferPointer(bytes), at: index) }
        case .binary(let bytes):
            bytes.withUnsafeBytes { bytes in statement.bind(blob: bytes, at: index) }
        case .number:
            switch key.numericValue {
            case .integer(let integer): statement.bind(integer, at: index)
            case .double(let double): statement.bind(double, at: index)
            case nil: statement.bind(nil as Double?, at: index)
            }
        }
    }

    /// Binds the table name and the key of an item at 1, 2 and 3, as every point statement takes them.
    static func bind(table: String, key: ItemKey, to statement: DirectStatement) {
        statement.bind(text: table, at: 1)
        bind(key.partition, to: statement, at: 2)
        if let sort = key.sort {
            bind(sort, to: statement, at: 3)
        } else {
            statement.bind(Int64(0), at: 3)
        }
    }
}
