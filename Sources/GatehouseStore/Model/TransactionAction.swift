public import GatehouseJSON

/// One action of `TableStore.transactWrite`: every action's condition holds and all of them are applied, or none.
public enum TransactionAction: Sendable, Hashable {
    /// Puts (replaces) an item.
    case put(table: String, item: JSONObject, condition: Condition? = nil)
    /// Updates an item, creating it from its key when absent (unless the condition requires it to exist).
    case update(table: String, key: ItemKey, actions: [UpdateAction], condition: Condition? = nil)
    /// Deletes an item; deleting an absent item is not an error.
    case delete(table: String, key: ItemKey, condition: Condition? = nil)
    /// Changes nothing, but the transaction fails unless the condition holds for the item.
    case conditionCheck(table: String, key: ItemKey, condition: Condition)

    /// The table the action works on.
    public var table: String {
        switch self {
        case .put(let table, _, _), .update(let table, _, _, _), .delete(let table, _, _),
            .conditionCheck(let table, _, _):
            return table
        }
    }
}
