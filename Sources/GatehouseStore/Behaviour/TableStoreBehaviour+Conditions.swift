import GatehouseJSON

extension TableStoreBehaviour {
    static var conditionChecks: [TableStoreBehaviour] {
        [
            TableStoreBehaviour("attribute_not_exists on the key creates once and refuses a duplicate") { store in
                try await store.createTable(users)
                let first = try object(#"{"id":"u1","name":"first"}"#)
                try await store.putItem(table: "users", item: first, condition: .attributeNotExists("id"))
                try await expectError(.conditionFailed, "a second create of the same key") {
                    try await store.putItem(
                        table: "users",
                        item: try object(#"{"id":"u1","name":"second"}"#),
                        condition: .attributeNotExists("id")
                    )
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), first, "the first item")
                do {
                    try await store.putItem(
                        table: "users",
                        item: try object(#"{"id":"u1","password":"hunter2"}"#),
                        condition: .equals("password", .string("swordfish"))
                    )
                } catch let error as TableStoreError {
                    let text = "\(error)"
                    try expect(!text.contains("u1") && !text.contains("hunter2"), "stored values in '\(text)'")
                    try expect(!text.contains("swordfish"), "the condition's value in '\(text)'")
                }
            },
            TableStoreBehaviour("a version condition guards an update, and a failed one changes nothing") { store in
                try await store.createTable(users)
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","name":"Ada","version":1}"#))
                let saved = try await store.updateItem(
                    table: "users",
                    key: "u1",
                    actions: [.set("name", .string("Grace")), .add("version", JSONNumber(1))],
                    condition: .and([.attributeExists("id"), .equals("version", .number(JSONNumber(1)))])
                )
                try expectEqual(saved["version"], .number(JSONNumber(2)), "the version after a guarded update")
                try await expectError(.conditionFailed, "an update with a stale version") {
                    try await store.updateItem(
                        table: "users",
                        key: "u1",
                        actions: [.set("name", .string("Stale")), .add("version", JSONNumber(1))],
                        condition: .equals("version", .number(JSONNumber(1)))
                    )
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), saved, "after a stale update")
                try await expectError(.conditionFailed, "an AND with one false part") {
                    try await store.putItem(
                        table: "users",
                        item: try object(#"{"id":"u1"}"#),
                        condition: .and([.attributeExists("name"), .attributeNotExists("version")])
                    )
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), saved, "after a failed AND")
            },
            TableStoreBehaviour("a conditional update or delete of a missing item fails and creates nothing") { store in
                try await store.createTable(users)
                try await expectError(.conditionFailed, "an update that requires the item") {
                    try await store.updateItem(
                        table: "users",
                        key: "u1",
                        actions: [.set("name", .string("x"))],
                        condition: .attributeExists("id")
                    )
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), nil, "after a refused update")
                try await expectError(.conditionFailed, "a delete that requires a version") {
                    try await store.deleteItem(
                        table: "users",
                        key: "u1",
                        condition: .equals("version", .number(JSONNumber(1)))
                    )
                }
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","version":3}"#))
                try await expectError(.conditionFailed, "a delete with another version") {
                    try await store.deleteItem(
                        table: "users",
                        key: "u1",
                        condition: .equals("version", .number(JSONNumber(2)))
                    )
                }
                try expect(try await store.getItem(table: "users", key: "u1") != nil, "the item after a refused delete")
                let deleted = try await store.deleteItem(
                    table: "users",
                    key: "u1",
                    condition: .equals("version", .number(JSONNumber(3)))
                )
                try expect(deleted != nil, "a delete with the right version")
            },
            TableStoreBehaviour("concurrent conditional creates of one key: exactly one wins") { store in
                try await store.createTable(users)
                let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for writer in 0..<8 {
                        group.addTask {
                            do {
                                var item = JSONObject()
                                item["id"] = .string("contested")
                                item["writer"] = .number(JSONNumber(writer))
                                try await store.putItem(
                                    table: "users", item: item, condition: .attributeNotExists("id"))
                                return true
                            } catch let error as TableStoreError where error.code == .conditionFailed {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                try expectEqual(winners, 1, "the writers whose create succeeded")
            },
            TableStoreBehaviour("concurrent increments from many tasks add up exactly") { store in
                try await store.createTable(users)
                let tasks = 8
                let increments = 25
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<tasks {
                        group.addTask {
                            for _ in 0..<increments {
                                try await store.updateItem(
                                    table: "users", key: "counter", actions: [.add("n", JSONNumber(1))])
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let counter = try await store.getItem(table: "users", key: "counter")
                try expectEqual(counter?["n"], .number(JSONNumber(tasks * increments)), "the counter")
            },
            TableStoreBehaviour("two clients adding 1 to one counter 1,000 times each end at 2,000") { store in
                try await store.createTable(users)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            for _ in 0..<1_000 {
                                try await store.updateItem(
                                    table: "users", key: "hits", actions: [.add("count", JSONNumber(1))])
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let counter = try await store.getItem(table: "users", key: "hits")
                try expectEqual(counter?["count"], .number(JSONNumber(2_000)), "the counter")
            },
            TableStoreBehaviour("an optimistic update that loses a race changes nothing and says so") { store in
                try await store.createTable(users)
                try await store.putItem(
                    table: "users", item: try object(#"{"id":"u1","name":"start","version":1}"#))
                // Eight writers read version 1 and each tries to save version 2: one wins, the others are refused.
                let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                    for writer in 0..<8 {
                        group.addTask {
                            do {
                                try await store.updateItem(
                                    table: "users",
                                    key: "u1",
                                    actions: [
                                        .set("name", .string("writer \(writer)")), .add("version", JSONNumber(1)),
                                    ],
                                    condition: .equals("version", .number(JSONNumber(1)))
                                )
                                return (writer, true)
                            } catch let error as TableStoreError where error.code == .conditionFailed {
                                return (writer, false)
                            }
                        }
                    }
                    return try await group.reduce(into: [(Int, Bool)]()) { $0.append($1) }
                }
                let winners = outcomes.filter(\.1).map(\.0)
                try expectEqual(winners.count, 1, "the writers whose update succeeded")
                let stored = try await store.getItem(table: "users", key: "u1")
                try expectEqual(stored?["name"], .string("writer \(winners[0])"), "the name of the winner")
                try expectEqual(stored?["version"], .number(JSONNumber(2)), "the version after one win")
            },
        ]
    }
}
