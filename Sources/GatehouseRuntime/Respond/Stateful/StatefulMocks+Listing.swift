import GatehouseJSON
import GatehouseSpec
import GatehouseStore

extension StatefulMocks {
    /// One page of the partition, shaped like the contract's list example: a bare array, or an object whose array
    /// member holds the items and whose paging members (`nextCursor`, `page`, `nextOffset`, `total`, `hasMore`, …,
    /// those the example or the schema has) say where the client is and how to go on.
    nonisolated(nonsending) func list(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer? {
        let paging = request.paging
        let size = min(max(Int(request.query[paging.sizeParameter] ?? "") ?? paging.defaultSize, 1), paging.maximumSize)
        var fields: [String: JSONValue] = [:]
        let items: [JSONObject]
        let hasMore: Bool
        switch paging.style {
        case _ where !MockTables.isStorable(request.partition):
            // Parent ids no item can have (over the store's key size): an empty collection.
            (items, hasMore) = ([], false)
        case _ where request.operation.table.kind == .filter:
            (items, hasMore) = try await matching(request)
        case .cursor:
            let text = request.query[paging.positionParameter]
            let (page, next) = try await cursorPage(
                request, size: size, from: text.flatMap { $0.isEmpty ? nil : TableCursor(token: $0) })
            items = page
            hasMore = next != nil
            for key in ListPaging.nextCursorFields { fields[key] = next.map { .string($0.token) } ?? .null }
        case .page:
            let number = max(Int(request.query[paging.positionParameter] ?? "") ?? paging.firstPage, paging.firstPage)
            let (product, overflow) = (number - paging.firstPage).multipliedReportingOverflow(by: size)
            (items, hasMore) = try await window(request, start: overflow ? Int.max : product, count: size)
            for key in ListPaging.pageNames { fields[key] = .number(JSONNumber(number)) }
            for key in ["nextPage", "next_page"] { fields[key] = hasMore ? .number(JSONNumber(number + 1)) : .null }
        case .offset:
            let start = max(Int(request.query[paging.positionParameter] ?? "") ?? 0, 0)
            (items, hasMore) = try await window(request, start: start, count: size)
            for key in ListPaging.offsetNames { fields[key] = .number(JSONNumber(start)) }
            for key in ["nextOffset", "next_offset"] {
                fields[key] = hasMore ? .number(JSONNumber(start + items.count)) : .null
            }
        }
        for key in ListPaging.sizeNames { fields[key] = .number(JSONNumber(size)) }
        for key in ListPaging.hasMoreFields { fields[key] = .bool(hasMore) }

        if items.isEmpty && request.operation.table.unfilled { return nil }
        let array = JSONValue.array(items.compactMap(request.visible))
        guard case .object(var wrapper) = request.example else {
            return Self.replacingBody(of: base, with: array)
        }
        if let arrayKey = wrapper.first(where: { $0.value.arrayValue != nil })?.key { wrapper[arrayKey] = array }
        let wanted = { (key: String) in wrapper[key] != nil || paging.wrapperFields[key] != nil }
        if ListPaging.totalFields.contains(where: wanted) || ["totalPages", "total_pages"].contains(where: wanted) {
            let total = try await count(request)
            for key in ListPaging.totalFields { fields[key] = .number(JSONNumber(total)) }
            for key in ["totalPages", "total_pages"] { fields[key] = .number(JSONNumber((total + size - 1) / size)) }
        }
        for (key, value) in fields
        where wanted(key) && wrapper[key]?.arrayValue == nil && wrapper[key]?.objectValue == nil {
            // A null where the schema does not allow one would break the contract: leave such a member out.
            if value == .null && paging.wrapperFields[key] == false {
                wrapper[key] = nil
            } else {
                wrapper[key] = value
            }
        }
        return Self.replacingBody(of: base, with: .object(wrapper))
    }

    /// Up to `size` items of the partition from `cursor` that pass the request's filters, and the cursor after
    /// them. Each store page asks for no more than the items still wanted, so a page is never cut and its cursor is
    /// where the next page starts; at most 10,000 items are looked at for one page.
    nonisolated(nonsending) func cursorPage(_ request: StatefulRequest, size: Int, from cursor: TableCursor?)
        async throws -> (
            [JSONObject], TableCursor?
        )
    {
        var cursor = cursor
        var items: [JSONObject] = []
        var scanned = 0
        while true {
            let query = TableQuery(partition: .string(request.partition), limit: size - items.count, cursor: cursor)
            let page: ItemPage
            do {
                page = try await store.query(table: request.mapping.table, query)
            } catch let error as TableStoreError where error.code == .invalidCursor && cursor != nil {
                // A value this gateway did not give out (the contract's example cursor): from the start.
                cursor = nil
                continue
            }
            items += page.items.filter(request.passesFilters)
            scanned += page.items.count
            cursor = page.cursor
            if cursor == nil || items.count >= size || scanned >= 10_000 { return (items, cursor) }
        }
    }

    /// The items of the partition whose properties match the finder's query parameters (`status=sold`: a `status`
    /// among the values; `tags=a`: a tag among them, by its `name` when tags are objects), up to 1,000.
    nonisolated(nonsending) func matching(_ request: StatefulRequest) async throws -> ([JSONObject], Bool) {
        var matched: [JSONObject] = []
        var cursor: TableCursor? = nil
        repeat {
            let page = try await store.query(
                table: request.mapping.table,
                TableQuery(partition: .string(request.partition), limit: 1000, cursor: cursor))
            for item in page.items where request.passesFilters(item) {
                if matched.count == 1000 { return (matched, true) }
                matched.append(item)
            }
            cursor = page.cursor
        } while cursor != nil
        return (matched, false)
    }

    /// Whether the item's property (or, for an array, one of its elements) is among `values`.
    static func matches(_ item: JSONObject, _ filter: ItemFilter, _ values: Set<String>) -> Bool {
        guard let value = item[filter.property] else { return false }
        let candidates = value.arrayValue ?? [value]
        return candidates.contains { element in
            let compared = filter.member.flatMap { element.objectValue?[$0] } ?? element
            return compared.stringValue != nil || compared.numberValue != nil || compared.boolValue != nil
                ? values.contains(MockTables.text(compared)) : false
        }
    }

    /// The `count` items of the partition after the first `start`, and whether more follow.
    nonisolated(nonsending) func window(_ request: StatefulRequest, start: Int, count: Int) async throws -> (
        [JSONObject], Bool
    ) {
        var skipped = 0
        var collected: [JSONObject] = []
        var cursor: TableCursor? = nil
        repeat {
            let remaining = start - skipped
            let page = try await store.query(
                table: request.mapping.table,
                TableQuery(
                    partition: .string(request.partition),
                    limit: remaining >= 1000 ? 1000 : min(1000, remaining + count + 1),
                    cursor: cursor
                )
            )
            for item in page.items where request.passesFilters(item) {
                if skipped < start {
                    skipped += 1
                } else {
                    collected.append(item)
                }
            }
            cursor = page.cursor
        } while cursor != nil && collected.count <= count
        let hasMore = collected.count > count
        return (Array(collected.prefix(count)), hasMore)
    }

    /// The number of items in the partition.
    nonisolated(nonsending) func count(_ request: StatefulRequest) async throws -> Int {
        guard MockTables.isStorable(request.partition) else { return 0 }
        var total = 0
        var cursor: TableCursor? = nil
        repeat {
            let page = try await store.query(
                table: request.mapping.table,
                TableQuery(partition: .string(request.partition), limit: 1000, cursor: cursor)
            )
            total += page.items.filter(request.passesFilters).count
            cursor = page.cursor
        } while cursor != nil
        return total
    }
}
