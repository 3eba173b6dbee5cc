/// The statements the store's direct connections prepare once and run many times.
///
/// Every value is a bound argument. A point read runs `currentItem` alone (its own snapshot); a write runs inside
/// the writer's transaction, in a savepoint of its own when it shares the transaction with other writes.
enum StoreSQL: Int, CaseIterable {
    case currentItem
    case upsertItem
    case deleteItem
    case purgeExpired
    case tableDefinition
    case insertTableDefinition
    case deleteTableItems
    case deleteTableDefinition
    case beginImmediate
    case commit
    case rollback
    case savepoint
    case releaseSavepoint
    case rollbackToSavepoint

    var text: String {
        switch self {
        case .currentItem:
            "SELECT item, expires FROM gatehouse_items WHERE tbl = ? AND pk = ? AND sk = ?"
        case .upsertItem:
            """
            INSERT INTO gatehouse_items (tbl, pk, sk, item, expires) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tbl, pk, sk) DO UPDATE SET item = excluded.item, expires = excluded.expires
            """
        case .deleteItem:
            "DELETE FROM gatehouse_items WHERE tbl = ? AND pk = ? AND sk = ?"
        case .purgeExpired:
            // A bounded batch: expired items go away a little at every write, no write pays for all of them.
            """
            DELETE FROM gatehouse_items WHERE rowid IN (
                SELECT rowid FROM gatehouse_items WHERE tbl = ? AND expires <= ? LIMIT 64
            )
            """
        case .tableDefinition:
            """
            SELECT name, partition_key, partition_type, sort_key, sort_type, ttl_attribute
            FROM gatehouse_tables WHERE name = ?
            """
        case .insertTableDefinition:
            """
            INSERT INTO gatehouse_tables (name, partition_key, partition_type, sort_key, sort_type, ttl_attribute)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        case .deleteTableItems:
            "DELETE FROM gatehouse_items WHERE tbl = ?"
        case .deleteTableDefinition:
            "DELETE FROM gatehouse_tables WHERE name = ?"
        case .beginImmediate:
            "BEGIN IMMEDIATE"
        case .commit:
            "COMMIT"
        case .rollback:
            "ROLLBACK"
        case .savepoint:
            "SAVEPOINT gatehouse_write"
        case .releaseSavepoint:
            "RELEASE gatehouse_write"
        case .rollbackToSavepoint:
            "ROLLBACK TO gatehouse_write"
        }
    }
}
