import GatehouseSpec

/// A schema pair waiting in the queue, with where it sits for messages.
struct QueuedComparison {
    var old: NodeAddress
    var new: NodeAddress
    var direction: Direction
    var place: SchemaPlace
}
