public import GatehouseJSON

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
