import GatehouseSpec

/// A schema pair waiting in the queue, with where it sits for messages.
struct QueuedComparison {
    var old: NodeAddress
    var new: NodeAddress
    var direction: Direction
    var place: SchemaPlace
    /// The pair whose comparison queued this one; nil for a schema an operation reaches directly.
    var parent: Int?
}
