import GatehouseStore

/// How a key value is kept in SQL: two columns whose PostgreSQL ordering is the store's ordering.
///
/// A table's key attributes have one type each, so of the two columns one varies and the other is constant:
/// strings (their UTF-8 bytes) and binary values go in a `bytea` column, which PostgreSQL compares byte by byte
/// like `memcmp`; numbers go in a `numeric` column, exact for every 64-bit integer and every finite double.
struct PostgresKey: Sendable, Hashable {
    /// The `bytea` column: the bytes of a string or binary value, empty for a number.
    var bytes: [UInt8]
    /// The `numeric` column as exact decimal text: the number, or "0" for a string or binary value.
    var number: String

    init(_ value: KeyValue) {
        switch value {
        case .string, .binary:
            bytes = value.orderedBytes ?? []
            number = "0"
        case .number:
            bytes = []
            number = value.numericValue.map(Self.exactText) ?? "0"
        }
    }

    /// The columns of an absent sort key: every item of a partition shares them.
    static let noSortKey = PostgresKey(bytes: [], number: "0")

    private init(bytes: [UInt8], number: String) {
        self.bytes = bytes
        self.number = number
    }

    /// The sort-key columns of `key`.
    static func sort(of key: ItemKey) -> PostgresKey {
        key.sort.map(PostgresKey.init) ?? noSortKey
    }

    /// Decimal text that `numeric` reads as exactly this number, so integers and doubles compare as numbers do.
    ///
    /// A double with an integral value within 64 bits is written as that integer (its shortest text, say
    /// `9.223372036854775e+18`, is not its exact value and could misorder it against an integer near it). Every
    /// other double is written in its shortest round-trip form, which lies strictly between the same integers and
    /// the same neighbouring doubles as the double itself, so the order is kept.
    static func exactText(_ number: NumericKey) -> String {
        switch number {
        case .integer(let integer):
            return String(integer)
        case .double(let double):
            if double == double.rounded(.towardZero), let integer = Int64(exactly: double) {
                return String(integer)
            }
            return "\(double)"
        }
    }
}
