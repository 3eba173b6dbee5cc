import GatehouseJSON

/// A create that requires another item to exist (a to-do and its list): a transaction of a condition check on the
/// other item and a put. Backends may run this shape on a path of its own (PostgreSQL runs it as one statement), so
/// the suite pins it: which action failed, nothing half written, expired and concurrent cases.
extension TableStoreBehaviour {
    static var guardedCreateChecks: [TableStoreBehaviour] {
        [
            TableStoreBehaviour("a create guarded by another item's existence writes only while that item lives") {
                store in
                try await store.createTable(users)
                try await store.createTable(events)
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","name":"Ann"}"#))
                let exists = Condition.attributeExists("id")
                let absent = Condition.attributeNotExists("stream")
                let first = try object(#"{"stream":"u1","seq":1,"title":"first"}"#)
                try await store.transactWrite([
                    .conditionCheck(table: "users", key: "u1", condition: exists),
                    .put(table: "events", item: first, condition: absent),
                ])
                try expectEqual(
                    try await store.getItem(table: "events", key: ItemKey("u1", 1)), first, "the guarded create")
                try await expectFailedAction(1, "a second create of the same item") {
                    try await store.transactWrite([
                        .conditionCheck(table: "users", key: "u1", condition: exists),
                        .put(
                            table: "events", item: try object(#"{"stream":"u1","seq":1,"title":"again"}"#),
                            condition: absent),
                    ])
                }
                try expectEqual(
                    try await store.getItem(table: "events", key: ItemKey("u1", 1)), first, "the item after a conflict")
                try await expectFailedAction(0, "a create under a missing item") {
                    try await store.transactWrite([
                        .conditionCheck(table: "users", key: "u9", condition: exists),
                        .put(table: "events", item: try object(#"{"stream":"u9","seq":1}"#), condition: absent),
                    ])
                }
                try await expectFailedAction(1, "the same with the check second") {
                    try await store.transactWrite([
                        .put(table: "events", item: try object(#"{"stream":"u9","seq":1}"#), condition: absent),
                        .conditionCheck(table: "users", key: "u9", condition: exists),
                    ])
                }
                try expectEqual(
                    try await store.getItem(table: "events", key: ItemKey("u9", 1)), nil, "no item under a missing one")
                // A put without a condition replaces the item it meets.
                let replaced = try object(#"{"stream":"u1","seq":1,"title":"replaced"}"#)
                try await store.transactWrite([
                    .conditionCheck(table: "users", key: "u1", condition: exists),
                    .put(table: "events", item: replaced),
                ])
                try expectEqual(
                    try await store.getItem(table: "events", key: ItemKey("u1", 1)), replaced, "a guarded replace")
                try await store.deleteItem(table: "users", key: "u1")
                try await expectFailedAction(0, "a create under a deleted item") {
                    try await store.transactWrite([
                        .conditionCheck(table: "users", key: "u1", condition: exists),
                        .put(table: "events", item: try object(#"{"stream":"u1","seq":2}"#), condition: absent),
                    ])
                }
                try expectEqual(
                    try await store.getItem(table: "events", key: ItemKey("u1", 2)), nil, "no item under a deleted one")
                try expectEqual(
                    try await store.getItem(table: "users", key: "u1"), nil, "a check does not bring an item back")
            },
            TableStoreBehaviour("an expired item guards no create") { store in
                let lists = TableDefinition(
                    name: "lists", partitionKey: KeyAttribute("id", .string), timeToLiveAttribute: "expiresAt")
                try await store.createTable(lists)
                try await store.createTable(events)
                // Seconds since 1970: 2001 is past, 2286 is not.
                try await store.putItem(table: "lists", item: try object(#"{"id":"old","expiresAt":1e9}"#))
                try await store.putItem(table: "lists", item: try object(#"{"id":"new","expiresAt":1e10}"#))
                try await expectFailedAction(0, "a create under an expired item") {
                    try await store.transactWrite([
                        .conditionCheck(table: "lists", key: "old", condition: .attributeExists("id")),
                        .put(table: "events", item: try object(#"{"stream":"old","seq":1}"#)),
                    ])
                }
                try await store.transactWrite([
                    .conditionCheck(table: "lists", key: "new", condition: .attributeExists("id")),
                    .put(table: "events", item: try object(#"{"stream":"new","seq":1}"#)),
                ])
                let written = try await store.query(table: "events", TableQuery(partition: "new")).items
                try expectEqual(written.count, 1, "the create under a live item")
                try expectEqual(
                    try await store.query(table: "events", TableQuery(partition: "old")).items.count, 0,
                    "the create under the expired item")
            },
            TableStoreBehaviour("guarded creates that arrive together each get their own answer") { store in
                try await store.createTable(users)
                try await store.createTable(events)
                try await store.putItem(table: "users", item: try object(#"{"id":"u1"}"#))
                try await store.putItem(table: "events", item: try object(#"{"stream":"u1","seq":0}"#))
                // 40 creates at once: under u1 (seq 0 exists already, so that one conflicts) and under absent u2.
                let outcomes = try await withThrowingTaskGroup(of: (String, Int, Int?).self) { group in
                    for seq in 0..<20 {
                        for parent in ["u1", "u2"] {
                            let item = try object(#"{"stream":"\#(parent)","seq":\#(seq)}"#)
                            group.addTask {
                                do {
                                    try await store.transactWrite([
                                        .conditionCheck(
                                            table: "users", key: ItemKey(.string(parent)),
                                            condition: .attributeExists("id")),
                                        .put(table: "events", item: item, condition: .attributeNotExists("stream")),
                                    ])
                                    return (parent, seq, nil)
                                } catch let error as TableStoreError where error.code == .conditionFailed {
                                    return (parent, seq, error.failedAction ?? -1)
                                }
                            }
                        }
                    }
                    var outcomes: [(String, Int, Int?)] = []
                    for try await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                for (parent, seq, failed) in outcomes {
                    let expected: Int? = parent == "u2" ? 0 : seq == 0 ? 1 : nil
                    try expectEqual(failed, expected, "the outcome of the create of \(parent)/\(seq)")
                }
                let stored = try await store.query(table: "events", TableQuery(partition: "u1")).items
                try expectEqual(stored.count, 20, "the items under u1")
                try expectEqual(
                    try await store.query(table: "events", TableQuery(partition: "u2")).items.count, 0,
                    "the items under u2")
            },
        ]
    }
}
