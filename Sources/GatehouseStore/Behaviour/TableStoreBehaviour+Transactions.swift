import GatehouseJSON

extension TableStoreBehaviour {
    static var transactionChecks: [TableStoreBehaviour] {
        [
            TableStoreBehaviour("a transaction applies puts, updates, deletes and checks across tables") { store in
                try await store.createTable(users)
                try await store.createTable(events)
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","balance":10,"version":1}"#))
                try await store.putItem(table: "users", item: try object(#"{"id":"u2","balance":0}"#))
                try await putEvents(store, stream: "old", [1])
                try await store.transactWrite([
                    .update(
                        table: "users",
                        key: "u1",
                        actions: [.add("balance", JSONNumber(-4)), .add("version", JSONNumber(1))],
                        condition: .equals("version", .number(JSONNumber(1)))
                    ),
                    .update(table: "users", key: "u2", actions: [.add("balance", JSONNumber(4))]),
                    .put(
                        table: "events",
                        item: try object(#"{"stream":"transfers","seq":1,"amount":4}"#),
                        condition: .attributeNotExists("stream")
                    ),
                    .delete(table: "events", key: ItemKey("old", 1)),
                    .conditionCheck(table: "users", key: "u3", condition: .attributeNotExists("id")),
                ])
                let u1 = try await store.getItem(table: "users", key: "u1")
                let u2 = try await store.getItem(table: "users", key: "u2")
                try expectEqual(u1?["balance"], .number(JSONNumber(6)), "u1's balance")
                try expectEqual(u1?["version"], .number(JSONNumber(2)), "u1's version")
                try expectEqual(u2?["balance"], .number(JSONNumber(4)), "u2's balance")
                try expect(try await store.getItem(table: "events", key: ItemKey("transfers", 1)) != nil, "the put")
                try expectEqual(try await store.getItem(table: "events", key: ItemKey("old", 1)), nil, "the delete")
                try expectEqual(try await store.getItem(table: "users", key: "u3"), nil, "a check writes nothing")
            },
            TableStoreBehaviour("a transaction with one failing condition writes nothing") { store in
                try await store.createTable(users)
                let u1 = try object(#"{"id":"u1","balance":10}"#)
                let u2 = try object(#"{"id":"u2","balance":0,"locked":true}"#)
                try await store.putItem(table: "users", item: u1)
                try await store.putItem(table: "users", item: u2)
                do {
                    try await store.transactWrite([
                        .update(table: "users", key: "u1", actions: [.add("balance", JSONNumber(-4))]),
                        .put(table: "users", item: try object(#"{"id":"u9","new":true}"#)),
                        .delete(table: "users", key: "u2", condition: .attributeNotExists("locked")),
                    ])
                    try expect(false, "a transaction with a failing condition succeeded")
                } catch let error as TableStoreError {
                    try expectEqual(error.code, .conditionFailed, "the error of a failed transaction")
                    try expect(error.message.contains("action 3"), "the error names the failing action")
                    try expectEqual(error.failedAction, 2, "the failing action's position")
                }
                try await expectFailedAction(1, "a failing condition check") {
                    try await store.transactWrite([
                        .put(table: "users", item: try object(#"{"id":"u9","new":true}"#)),
                        .conditionCheck(
                            table: "users", key: "u1", condition: .equals("balance", .number(JSONNumber(0)))),
                    ])
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), u1, "u1 after rollbacks")
                try expectEqual(try await store.getItem(table: "users", key: "u2"), u2, "u2 after rollbacks")
                try expectEqual(try await store.getItem(table: "users", key: "u9"), nil, "u9 after rollbacks")
            },
            TableStoreBehaviour("a transaction over limits or touching one item twice is refused whole") { store in
                try await store.createTable(users)
                let hundred = try (0..<100).map { index in
                    TransactionAction.put(table: "users", item: try object(#"{"id":"u\#(index)"}"#))
                }
                try await store.transactWrite(hundred)
                try expectEqual(try await store.scan(table: "users").items.count, 100, "items of a 100-action write")
                let tooMany = try (100..<201).map { index in
                    TransactionAction.put(table: "users", item: try object(#"{"id":"u\#(index)"}"#))
                }
                try await expectError(.invalidRequest, "101 actions") { try await store.transactWrite(tooMany) }
                try await expectError(.invalidRequest, "no actions") { try await store.transactWrite([]) }
                try await expectError(.invalidRequest, "two actions on one item") {
                    try await store.transactWrite([
                        .put(table: "users", item: try object(#"{"id":"new"}"#)),
                        .update(table: "users", key: "new", actions: [.set("x", .null)]),
                    ])
                }
                try await expectError(.itemTooLarge, "a transaction with one large item") {
                    var large = JSONObject()
                    large["id"] = .string("large")
                    large["blob"] = .string(String(repeating: "x", count: TableStoreLimits.maximumItemSize))
                    try await store.transactWrite([
                        .put(table: "users", item: try object(#"{"id":"small"}"#)),
                        .put(table: "users", item: large),
                    ])
                }
                try await expectError(.tableNotFound, "an action on an unknown table") {
                    try await store.transactWrite([
                        .put(table: "users", item: try object(#"{"id":"small"}"#)),
                        .delete(table: "nope", key: "x"),
                    ])
                }
                try expectEqual(try await store.scan(table: "users").items.count, 100, "items after refusals")
            },
        ]
    }
}
