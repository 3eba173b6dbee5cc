public import GatehouseJSON

/// One item of the contract's `x-gatehouse-seed`, an object whose members name mock tables and hold arrays of items
/// (`{todos: [{id: 1, title: Milk}, …]}`), with where it was written.
public struct GatewaySeed: Sendable, Hashable {
    public static let extensionName = "x-gatehouse-seed"

    /// The mock table.
    public var table: String
    /// The item as the API shows it (its id included).
    public var item: JSONObject
    /// Where the item is written.
    public var address: NodeAddress

    public init(table: String, item: JSONObject, address: NodeAddress) {
        self.table = table
        self.item = item
        self.address = address
    }
}
