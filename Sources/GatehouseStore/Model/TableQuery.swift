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
