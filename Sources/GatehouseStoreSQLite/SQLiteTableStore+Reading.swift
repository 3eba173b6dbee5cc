import GRDB
import GatehouseJSON
public import GatehouseStore

extension SQLiteTableStore {
    public func query(table: String, _ query: TableQuery) async throws -> ItemPage {
        let now = clock()
        return try await read { db in
            let definition = try self.table(db, table)
            let after = try ItemRules(definition).validate(query)
            // The SQL is assembled from fixed fragments only (a handful of shapes, each a cached statement); every
            // value is a bound argument.
            var sql = "SELECT item FROM gatehouse_items WHERE tbl = ? AND pk = ?"
            var arguments: StatementArguments = [table, SQLiteKey.value(query.partition)]
            if let condition = query.sortKeyCondition {
                Self.append(condition, to: &sql, &arguments)
            }
            if let after {
                sql += query.order == .ascending ? " AND sk > ?" : " AND sk < ?"
                arguments += [SQLiteKey.sortValue(after)]
            }
            sql += " AND (expires IS NULL OR expires > ?)"
            sql += query.order == .ascending ? " ORDER BY sk ASC" : " ORDER BY sk DESC"
            sql += " LIMIT ?"
            arguments += [now, query.limit.map { $0 + 1 } ?? -1]
            let rows = try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments)
            return try Self.page(rows, limit: query.limit, table: definition, operation: .query)
        }
    }

    public func scan(table: String, limit: Int?, cursor: TableCursor?) async throws -> ItemPage {
        try ItemRules.validate(limit: limit)
        let now = clock()
        return try await read { db in
            let definition = try self.table(db, table)
            let after = try cursor?.key(in: definition, operation: .scan)
            var sql = "SELECT item FROM gatehouse_items WHERE tbl = ?"
            var arguments: StatementArguments = [table]
            if let after {
                sql += " AND (pk, sk) > (?, ?)"
                arguments += [SQLiteKey.value(after.partition), SQLiteKey.sortValue(after)]
            }
            sql += " AND (expires IS NULL OR expires > ?) ORDER BY pk, sk LIMIT ?"
            arguments += [now, limit.map { $0 + 1 } ?? -1]
            let rows = try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments)
            return try Self.page(rows, limit: limit, table: definition, operation: .scan)
        }
    }

    private static func append(
        _ condition: SortKeyCondition, to sql: inout String, _ arguments: inout StatementArguments
    ) {
        switch condition {
        case .equal(let value):
            sql += " AND sk = ?"
            arguments += [SQLiteKey.value(value)]
        case .lessThan(let value):
            sql += " AND sk < ?"
            arguments += [SQLiteKey.value(value)]
        case .lessThanOrEqual(let value):
            sql += " AND sk <= ?"
            arguments += [SQLiteKey.value(value)]
        case .greaterThan(let value):
            sql += " AND sk > ?"
            arguments += [SQLiteKey.value(value)]
        case .greaterThanOrEqual(let value):
            sql += " AND sk >= ?"
            arguments += [SQLiteKey.value(value)]
        case .between(let lower, let upper):
            sql += " AND sk >= ? AND sk <= ?"
            arguments += [SQLiteKey.value(lower), SQLiteKey.value(upper)]
        case .beginsWith(let prefix):
            // Validated to be a string or binary value, whose keys are BLOBs: a prefix is a byte range.
            sql += " AND sk >= ?"
            arguments += [SQLiteKey.value(prefix)]
            if let upper = KeyValue.successor(ofPrefix: prefix.orderedBytes ?? []) {
                sql += " AND sk < ?"
                arguments += [SQLiteKey.value(.binary(upper))]
            }
        }
    }

    /// Cuts `rows` (at most `limit` + 1 of them) to a page, with a cursor after the last item when there is more.
    private static func page(
        _ rows: [Row],
        limit: Int?,
        table: GatehouseStore.TableDefinition,
        operation: TableCursor.Operation
    ) throws -> ItemPage {
        var items = try rows.map(item(from:))
        guard let limit, items.count > limit else { return ItemPage(items: items, cursor: nil) }
        items.removeLast(items.count - limit)
        let last = try ItemRules(table).key(of: items[items.count - 1])
        return ItemPage(items: items, cursor: TableCursor(after: last, table: table, operation: operation))
    }
}
