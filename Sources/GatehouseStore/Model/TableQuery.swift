public import GatehouseSpec

/// A query: the items of one partition, optionally narrowed by a sort-key condition, in sort-key order.
public struct TableQuery: Sendable, Hashable {
    /// The partition to read.
    public var partition: KeyValue
    /// A condition on the sort key; nil reads the whole partition.
    public var sortKeyCondition: SortKeyCondition?
    /// Ascending or descending sort-key order.
    public var order: SortOrder
    /// The most items in one page (at least 1); nil for no limit.
    public var limit: Int?
    /// Where the previous page ended; nil for the first page.
    public var cursor: TableCursor?

    /// A query of `partition`.
    public init(
        partition: KeyValue,
        sortKeyCondition: SortKeyCondition? = nil,
        order: SortOrder = .ascending,
        limit: Int? = nil,
        cursor: TableCursor? = nil
    ) {
        self.partition = partition
        self.sortKeyCondition = sortKeyCondition
        self.order = order
        self.limit = limit
        self.cursor = cursor
    }
}

/// A condition on the sort key of a query.
public enum SortKeyCondition: Sendable, Hashable {
    case equal(KeyValue)
    case lessThan(KeyValue)
    case lessThanOrEqual(KeyValue)
    case greaterThan(KeyValue)
    case greaterThanOrEqual(KeyValue)
    /// Between the bounds, both included; the lower bound must not sort after the upper one.
    case between(KeyValue, KeyValue)
    /// Starts with the prefix: for string and binary sort keys only.
    case beginsWith(KeyValue)
}

/// The order of a query's items.
public enum SortOrder: Sendable, Hashable {
    case ascending
    case descending
}

/// One page of a query or a scan.
public struct ItemPage: Sendable, Hashable {
    /// The items, in key order.
    public var items: [JSONObject]
    /// Where to continue; nil when there are no more items.
    public var cursor: TableCursor?

    /// A page of items and the cursor to the next one.
    public init(items: [JSONObject], cursor: TableCursor?) {
        self.items = items
        self.cursor = cursor
    }
}
