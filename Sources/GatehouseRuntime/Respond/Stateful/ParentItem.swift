import GatehouseStore

/// The stored item a nested collection's new item belongs under (a to-do's list): a create writes the new item
/// only while this one exists.
struct ParentItem: Sendable {
    var table: String
    var key: ItemKey

    /// The parent item was not there when the create's transaction ran; nothing was written.
    struct Missing: Error {}
}
