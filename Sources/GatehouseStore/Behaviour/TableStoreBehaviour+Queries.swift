import GatehouseJSON

extension TableStoreBehaviour {
    /// Puts events with sequence numbers `numbers` into `stream`.
    static func putEvents(_ store: any TableStore, stream: String, _ numbers: some Sequence<Int>) async throws {
        for number in numbers {
            var item = JSONObject()
            item["stream"] = .string(stream)
            item["seq"] = .number(JSONNumber(number))
            try await store.putItem(table: "events", item: item)
        }
    }

    static var queryChecks: [TableStoreBehaviour] {
        [
            TableStoreBehaviour("a query returns one partition in numeric sort-key order, either way") { store in
                try await store.createTable(events)
                try await putEvents(store, stream: "a", [10, 2, -1, 33, 100])
                try await putEvents(store, stream: "b", [1, 5])
                try await store.putItem(table: "events", item: try object(#"{"stream":"a","seq":2.5}"#))
                let ascending = try await store.query(table: "events", TableQuery(partition: "a"))
                let order = ascending.items.compactMap { $0["seq"]?.numberValue?.double }
                try expectEqual(order, [-1, 2, 2.5, 10, 33, 100], "ascending (2 < 10)")
                try expectEqual(ascending.cursor, nil, "the cursor of a complete page")
                let descending = try await store.query(table: "events", TableQuery(partition: "a", order: .descending))
                try expectEqual(numbers(descending.items, "seq"), [100, 33, 10, 2, -1], "descending")
                let none = try await store.query(table: "events", TableQuery(partition: "c"))
                try expectEqual(none.items, [], "an empty partition")
            },
            TableStoreBehaviour("sort-key conditions select the right items") { store in
                try await store.createTable(events)
                try await putEvents(store, stream: "a", 1...12)
                struct Case {
                    var condition: SortKeyCondition
                    var expected: [Int64]
                }
                let cases = [
                    Case(condition: .equal(10), expected: [10]),
                    Case(condition: .lessThan(3), expected: [1, 2]),
                    Case(condition: .lessThanOrEqual(3), expected: [1, 2, 3]),
                    Case(condition: .greaterThan(10), expected: [11, 12]),
                    Case(condition: .greaterThanOrEqual(10), expected: [10, 11, 12]),
                    Case(condition: .between(2, 4), expected: [2, 3, 4]),
                    Case(condition: .between(5, 5), expected: [5]),
                    Case(condition: .greaterThan(100), expected: []),
                ]
                for test in cases {
                    let page = try await store.query(
                        table: "events",
                        TableQuery(partition: "a", sortKeyCondition: test.condition)
                    )
                    try expectEqual(numbers(page.items, "seq"), test.expected, "\(test.condition)")
                }
                try await expectError(.invalidRequest, "between with its bounds swapped") {
                    try await store.query(table: "events", TableQuery(partition: "a", sortKeyCondition: .between(4, 2)))
                }
                try await expectError(.invalidRequest, "begins_with on a number") {
                    try await store.query(table: "events", TableQuery(partition: "a", sortKeyCondition: .beginsWith(1)))
                }
                try await expectError(.invalidRequest, "a string bound on a number sort key") {
                    try await store.query(table: "events", TableQuery(partition: "a", sortKeyCondition: .equal("1")))
                }
            },
            TableStoreBehaviour("begins_with and ranges on string sort keys follow UTF-8 byte order") { store in
                let notes = TableDefinition(
                    name: "notes",
                    partitionKey: KeyAttribute("user", .string),
                    sortKey: KeyAttribute("path", .string)
                )
                try await store.createTable(notes)
                for path in ["a/b", "a/", "a/\u{FFFF}", "a0", "a", "B", "a/\u{10FFFF}x", "é"] {
                    var item = JSONObject()
                    item["user"] = .string("u")
                    item["path"] = .string(path)
                    try await store.putItem(table: "notes", item: item)
                }
                let all = try await store.query(table: "notes", TableQuery(partition: "u"))
                try expectEqual(
                    strings(all.items, "path"),
                    ["B", "a", "a/", "a/b", "a/\u{FFFF}", "a/\u{10FFFF}x", "a0", "é"],
                    "string sort keys in byte order"
                )
                let prefixed = try await store.query(
                    table: "notes",
                    TableQuery(partition: "u", sortKeyCondition: .beginsWith("a/"), order: .descending)
                )
                try expectEqual(
                    strings(prefixed.items, "path"),
                    ["a/\u{10FFFF}x", "a/\u{FFFF}", "a/b", "a/"],
                    "begins_with 'a/' descending"
                )
                let below = try await store.query(
                    table: "notes", TableQuery(partition: "u", sortKeyCondition: .lessThan("a")))
                try expectEqual(strings(below.items, "path"), ["B"], "below 'a'")
            },
            TableStoreBehaviour("a query pages with cursors in both orders and ends without one") { store in
                try await store.createTable(events)
                try await putEvents(store, stream: "a", 1...25)
                try await putEvents(store, stream: "b", 1...3)
                let ascending = try await queryAll(store, table: "events", TableQuery(partition: "a", limit: 10))
                try expectEqual(numbers(ascending.items, "seq"), Array(1...25), "ascending pages")
                try expectEqual(ascending.pages, 3, "pages of 10, 10 and 5")
                let descending = try await queryAll(
                    store,
                    table: "events",
                    TableQuery(partition: "a", order: .descending, limit: 10)
                )
                try expectEqual(numbers(descending.items, "seq"), Array((1...25).reversed()), "descending pages")
                try expectEqual(descending.pages, 3, "descending pages of 10, 10 and 5")
                let exact = try await queryAll(
                    store,
                    table: "events",
                    TableQuery(partition: "a", sortKeyCondition: .between(3, 22), limit: 5)
                )
                try expectEqual(numbers(exact.items, "seq"), Array(3...22), "pages of a between")
                try expectEqual(exact.pages, 4, "20 items in pages of 5: no empty fifth page")
                let first = try await store.query(table: "events", TableQuery(partition: "a", limit: 10))
                try await putEvents(store, stream: "a", [0, 11])
                var next = TableQuery(partition: "a", limit: 100)
                next.cursor = first.cursor
                let rest = try await store.query(table: "events", next)
                try expectEqual(
                    rest.items.first?["seq"], .number(JSONNumber(11)), "a cursor is a position, not a snapshot")
            },
            TableStoreBehaviour("a scan pages over every partition, each item once") { store in
                try await store.createTable(events)
                for stream in ["c", "a", "b"] {
                    try await putEvents(store, stream: stream, 1...7)
                }
                let scanned = try await scanAll(store, table: "events", limit: 4)
                try expectEqual(scanned.items.count, 21, "items scanned")
                try expectEqual(scanned.pages, 6, "pages of 4")
                let keys = scanned.items.map { "\($0["stream"]?.stringValue ?? "")\($0["seq"]?.description ?? "")" }
                try expectEqual(Set(keys).count, 21, "distinct items scanned")
                try expectEqual(strings(scanned.items, "stream").first, "a", "key order")
                let whole = try await store.scan(table: "events")
                try expectEqual(whole.items.count, 21, "an unlimited scan")
                try expectEqual(whole.cursor, nil, "an unlimited scan's cursor")
                try await store.createTable(users)
                try await store.putItem(table: "users", item: try object(#"{"id":"b"}"#))
                try await store.putItem(table: "users", item: try object(#"{"id":"a"}"#))
                let single = try await scanAll(store, table: "users", limit: 1)
                try expectEqual(strings(single.items, "id"), ["a", "b"], "a scan of a table without sort key")
                let query = try await store.query(table: "users", TableQuery(partition: "b", limit: 1))
                try expectEqual(strings(query.items, "id"), ["b"], "a query of a table without sort key")
                try expectEqual(query.cursor, nil, "its cursor")
            },
            TableStoreBehaviour("malformed or foreign cursors and bad limits are clear errors") { store in
                try await store.createTable(events)
                try await store.createTable(users)
                try await putEvents(store, stream: "a", 1...3)
                try await putEvents(store, stream: "b", 1...3)
                try await store.putItem(table: "users", item: try object(#"{"id":"a"}"#))
                try await store.putItem(table: "users", item: try object(#"{"id":"b"}"#))
                let queryPage = try await store.query(table: "events", TableQuery(partition: "a", limit: 1))
                let scanPage = try await store.scan(table: "events", limit: 1)
                let usersPage = try await store.scan(table: "users", limit: 1)
                guard let queryCursor = queryPage.cursor, let scanCursor = scanPage.cursor,
                    let usersCursor = usersPage.cursor
                else {
                    throw Failure(message: "a first page of 1 had no cursor", location: "\(#fileID):\(#line)")
                }
                // A character in the middle changes payload bytes (the last one may only hold padding bits).
                var edited = Array(queryCursor.token)
                let middle = edited.count / 2
                edited[middle] = edited[middle] == "A" ? "B" : "A"
                let bad: [(String, TableCursor)] = [
                    ("garbage", TableCursor(token: "not a cursor!")),
                    ("empty", TableCursor(token: "")),
                    ("truncated", TableCursor(token: String(queryCursor.token.dropLast(3)))),
                    ("edited", TableCursor(token: String(edited))),
                    ("a scan cursor", scanCursor),
                    ("another table's cursor", usersCursor),
                    ("huge", TableCursor(token: String(repeating: "A", count: 100_000))),
                ]
                for (what, cursor) in bad {
                    try await expectError(.invalidCursor, "a query with \(what)") {
                        try await store.query(table: "events", TableQuery(partition: "a", limit: 1, cursor: cursor))
                    }
                }
                // Damage anywhere in a token: always a clear error, never a crash or another page.
                let valid = Array(queryCursor.token.utf8)
                let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.".utf8)
                var generator = SplitMix64(seed: 42)
                let secondPage = try await store.query(
                    table: "events",
                    TableQuery(partition: "a", limit: 1, cursor: queryCursor)
                )
                for _ in 0..<200 {
                    var damaged = valid
                    for _ in 0...(generator.next() % 3) {
                        let position = Int(generator.next() % UInt64(damaged.count))
                        let byte = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                        switch generator.next() % 3 {
                        case 0: damaged[position] = byte
                        case 1: damaged.insert(byte, at: position)
                        default: if damaged.count > 1 { damaged.remove(at: position) }
                        }
                    }
                    let token = String(decoding: damaged, as: UTF8.self)
                    do {
                        let page = try await store.query(
                            table: "events",
                            TableQuery(partition: "a", limit: 1, cursor: TableCursor(token: token))
                        )
                        // Only a token that decodes to the same bytes (padding bits) may pass, and it means the same.
                        try expectEqual(page.items, secondPage.items, "the page of a damaged token that was accepted")
                    } catch let error as TableStoreError {
                        try expectEqual(error.code, .invalidCursor, "the error of a damaged token")
                    }
                }
                try await expectError(.invalidCursor, "a query cursor of another partition") {
                    try await store.query(table: "events", TableQuery(partition: "b", limit: 1, cursor: queryCursor))
                }
                try await expectError(.invalidCursor, "a query cursor in a scan") {
                    try await store.scan(table: "events", limit: 1, cursor: queryCursor)
                }
                try await expectError(.invalidRequest, "a limit of 0") {
                    try await store.query(table: "events", TableQuery(partition: "a", limit: 0))
                }
                try await expectError(.invalidRequest, "a negative scan limit") {
                    try await store.scan(table: "events", limit: -1)
                }
            },
        ]
    }
}
