import GatehouseJSON
import GatehouseValidation

/// What the stateful mocks know of one table: its key and the shape of its items.
struct TableInfo: Sendable {
    /// The property holding an item's key: `id`, `username`, or a path into the item such as `metadata.name`.
    var key: String
    /// Whether the key is an integer (keyed in numeric order, made up from a sequence).
    var integerIds: Bool
    /// The key's schema, which a made-up key must satisfy.
    var keySchema: CompiledSchema?
    /// The key's value in the contract's example item.
    var keyExample: JSONValue?
    /// The contract's example item (the read answer's, else another's), for the properties an item requires.
    var example: JSONObject
    /// The properties the item schema requires.
    var required: Set<String>
}
