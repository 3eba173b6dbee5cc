import GatehouseJSON

extension MemoryTableStore {
    public func query(table name: String, _ query: TableQuery) throws -> ItemPage {
        let table = try table(named: name)
        let after = try ItemRules(table.definition).validate(query)
        let now = clock()
        let start = table.lowerBound(ItemKey(query.partition))
        var end = start
        while end < table.entries.count, table.entries[end].key.partition == query.partition {
            end += 1
        }
        var matches: [Entry] = []
        let positions: [Int] = query.order == .ascending ? Array(start..<end) : (start..<end).reversed()
        for position in positions {
            let entry = table.entries[position]
            if ItemRules.isExpired(entry.expiry, now: now) { continue }
            if let sort = entry.key.sort {
                if let condition = query.sortKeyCondition, !condition.matches(sort) { continue }
                if let afterSort = after?.sort {
                    let order = KeyValue.compare(sort, afterSort)
                    if query.order == .ascending ? order <= 0 : order >= 0 { continue }
                }
            } else if after != nil {
                // Without a sort key a partition holds one item, and the cursor is already past it.
                continue
            }
            matches.append(entry)
            if let limit = query.limit, matches.count > limit { break }
        }
        return page(matches, limit: query.limit, table: table.definition, operation: .query)
    }

    public func scan(table name: String, limit: Int?, cursor: TableCursor?) throws -> ItemPage {
        let table = try table(named: name)
        try ItemRules.validate(limit: limit)
        let after = try cursor?.key(in: table.definition, operation: .scan)
        let now = clock()
        var position = 0
        if let after {
            position = table.lowerBound(after)
            if position < table.entries.count, table.entries[position].key == after { position += 1 }
        }
        var matches: [Entry] = []
        while position < table.entries.count {
            let entry = table.entries[position]
            position += 1
            if ItemRules.isExpired(entry.expiry, now: now) { continue }
            matches.append(entry)
            if let limit, matches.count > limit { break }
        }
        return page(matches, limit: limit, table: table.definition, operation: .scan)
    }

    /// Cuts `entries` (at most `limit` + 1 of them) to a page, with a cursor when there is more.
    private func page(
        _ entries: [Entry],
        limit: Int?,
        table: TableDefinition,
        operation: TableCursor.Operation
    ) -> ItemPage {
        guard let limit, entries.count > limit else {
            return ItemPage(items: entries.map(\.item), cursor: nil)
        }
        let kept = entries.prefix(limit)
        let cursor = TableCursor(after: kept.last!.key, table: table, operation: operation)
        return ItemPage(items: kept.map(\.item), cursor: cursor)
    }
}
