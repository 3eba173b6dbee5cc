public import GatehouseJSON

/// One change to an item's top-level attributes, applied by `TableStore.updateItem`.
public enum UpdateAction: Sendable, Hashable {
    /// Sets the attribute to the value, adding it when absent.
    case set(String, JSONValue)
    /// Removes the attribute; removing an absent attribute is not an error.
    case remove(String)
    /// Adds the number to a number attribute, atomically; an absent attribute counts as 0.
    case add(String, JSONNumber)

    /// The attribute the action changes.
    public var attribute: String {
        switch self {
        case .set(let attribute, _), .remove(let attribute), .add(let attribute, _):
            return attribute
        }
    }
}
