import GatehouseJSON

/// The key of one item: its partition key value and, for a table with a sort key, its sort key value.
public struct ItemKey: Sendable, Hashable, Comparable {
    /// The partition key value.
    public var partition: KeyValue
    /// The sort key value; nil exactly when the table has no sort key.
    public var sort: KeyValue?

    /// A key from its partition and optional sort values.
    public init(_ partition: KeyValue, _ sort: KeyValue? = nil) {
        self.partition = partition
        self.sort = sort
    }

    /// Keys order by partition, then by sort key: the order of `scan`.
    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool {
        compare(lhs, rhs) < 0
    }

    package static func compare(_ lhs: ItemKey, _ rhs: ItemKey) -> Int {
        let partition = KeyValue.compare(lhs.partition, rhs.partition)
        if partition != 0 { return partition }
        switch (lhs.sort, rhs.sort) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let left?, let right?): return KeyValue.compare(left, right)
        }
    }
}

extension ItemKey: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// The key of a table without a sort key, whose partition key is this string.
    public init(stringLiteral value: String) {
        self.init(.string(value))
    }

    /// The key of a table without a sort key, whose partition key is this number.
    public init(integerLiteral value: Int64) {
        self.init(.number(JSONNumber(value)))
    }
}
