import GatehouseJSON
public import GatehouseStore
import NIOCore
import PostgresNIO

extension PostgresTableStore {
    public func query(table: String, _ query: TableQuery) async throws -> ItemPage {
        let definition = try await self.table(table)
        let after = try ItemRules(definition).validate(query)
        let numericSort = definition.sortKey?.type == .number
        var sql = SQLBuilder("SELECT item FROM gatehouse_items WHERE tbl = ")
        sql.bind(table)
        let partition = PostgresKey(query.partition)
        sql.append(" AND pk = ")
        sql.bind(ByteBuffer(bytes: partition.bytes))
        sql.append(" AND pkn = ")
        sql.bindNumeric(partition.number)
        if let condition = query.sortKeyCondition {
            Self.append(condition, numeric: numericSort, to: &sql)
        }
        if let after {
            let sort = PostgresKey.sort(of: after)
            sql.append(query.order == .ascending ? " AND (sk, skn) > (" : " AND (sk, skn) < (")
            sql.bind(ByteBuffer(bytes: sort.bytes))
            sql.append(", ")
            sql.bindNumeric(sort.number)
            sql.append(")")
        }
        sql.appendLive(now: clock())
        sql.append(query.order == .ascending ? " ORDER BY sk ASC, skn ASC" : " ORDER BY sk DESC, skn DESC")
        if let limit = query.limit {
            sql.append(" LIMIT ")
            sql.bind(Int64(limit) + 1)
        }
        let items = try await fetchItems(sql.query)
        return try Self.page(items, limit: query.limit, table: definition, operation: .query)
    }

    public func scan(table: String, limit: Int?, cursor: TableCursor?) async throws -> ItemPage {
        try ItemRules.validate(limit: limit)
        let definition = try await self.table(table)
        let after = try cursor?.key(in: definition, operation: .scan)
        var sql = SQLBuilder("SELECT item FROM gatehouse_items WHERE tbl = ")
        sql.bind(table)
        if let after {
            let partition = PostgresKey(after.partition)
            let sort = PostgresKey.sort(of: after)
            sql.append(" AND (pk, pkn, sk, skn) > (")
            sql.bind(ByteBuffer(bytes: partition.bytes))
            sql.append(", ")
            sql.bindNumeric(partition.number)
            sql.append(", ")
            sql.bind(ByteBuffer(bytes: sort.bytes))
            sql.append(", ")
            sql.bindNumeric(sort.number)
            sql.append(")")
        }
        sql.appendLive(now: clock())
        sql.append(" ORDER BY pk, pkn, sk, skn")
        if let limit {
            sql.append(" LIMIT ")
            sql.bind(Int64(limit) + 1)
        }
        let items = try await fetchItems(sql.query)
        return try Self.page(items, limit: limit, table: definition, operation: .scan)
    }

    /// The items the query selects, parsed.
    private func fetchItems(_ query: PostgresQuery) async throws -> [JSONObject] {
        try await withConnection { connection in
            try await connection.query(query, logger: self.logger).collect().map { row in
                try Self.parse(try row.decode(ByteBuffer.self))
            }
        }
    }

    /// Appends a sort-key condition on the column that holds the sort key's type.
    private static func append(_ condition: SortKeyCondition, numeric: Bool, to sql: inout SQLBuilder) {
        let column = numeric ? "skn" : "sk"
        func compare(_ operation: String, _ value: KeyValue) {
            sql.append(" AND \(column) \(operation) ")
            let key = PostgresKey(value)
            if numeric { sql.bindNumeric(key.number) } else { sql.bind(ByteBuffer(bytes: key.bytes)) }
        }
        switch condition {
        case .equal(let value): compare("=", value)
        case .lessThan(let value): compare("<", value)
        case .lessThanOrEqual(let value): compare("<=", value)
        case .greaterThan(let value): compare(">", value)
        case .greaterThanOrEqual(let value): compare(">=", value)
        case .between(let lower, let upper):
            compare(">=", lower)
            compare("<=", upper)
        case .beginsWith(let prefix):
            // Validated to be a string or binary value, kept as bytea: a prefix is a byte range.
            compare(">=", prefix)
            if let upper = KeyValue.successor(ofPrefix: prefix.orderedBytes ?? []) {
                compare("<", .binary(upper))
            }
        }
    }

    /// Cuts `items` (at most `limit` + 1 of them) to a page, with a cursor after the last item when there is more.
    private static func page(
        _ items: [JSONObject],
        limit: Int?,
        table: TableDefinition,
        operation: TableCursor.Operation
    ) throws -> ItemPage {
        var items = items
        guard let limit, items.count > limit else { return ItemPage(items: items, cursor: nil) }
        items.removeLast(items.count - limit)
        let last = try ItemRules(table).key(of: items[items.count - 1])
        return ItemPage(items: items, cursor: TableCursor(after: last, table: table, operation: operation))
    }
}

/// SQL text assembled from fixed fragments, with every value a bound parameter.
struct SQLBuilder {
    private var sql: String
    private var bindings = PostgresBindings()

    init(_ start: String) {
        sql = start
    }

    mutating func append(_ fragment: String) {
        sql += fragment
    }

    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value) {
        bindings.append(value)
        sql += "$\(bindings.count)"
    }

    /// ` AND ` the row is live at `now` (`PostgresStatements.live`).
    mutating func appendLive(now: Double) {
        bindings.append(now)
        sql += " AND " + PostgresStatements.live(now: "$\(bindings.count)")
    }

    /// Binds exact decimal text as a `numeric`.
    mutating func bindNumeric(_ text: String) {
        bind(text)
        sql += "::numeric"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
