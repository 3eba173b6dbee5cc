import GatehouseJSON

extension TableStoreBehaviour {
    static let users = TableDefinition(name: "users", partitionKey: KeyAttribute("id", .string))
    static let events = TableDefinition(
        name: "events",
        partitionKey: KeyAttribute("stream", .string),
        sortKey: KeyAttribute("seq", .number)
    )

    static var tableChecks: [TableStoreBehaviour] {
        [
            TableStoreBehaviour("creating a table twice is idempotent; a different definition conflicts") { store in
                try expect(try await store.createTable(events), "the first create creates")
                try expect(!(try await store.createTable(events)), "the second create changes nothing")
                var other = events
                other.sortKey = KeyAttribute("seq", .string)
                try await expectError(.tableConflict, "a create with another sort key type") {
                    try await store.createTable(other)
                }
                other = events
                other.timeToLiveAttribute = "expires"
                try await expectError(.tableConflict, "a create with another TTL attribute") {
                    try await store.createTable(other)
                }
                try expectEqual(try await store.describeTable("events"), events, "the definition after conflicts")
            },
            TableStoreBehaviour("tables are described, listed by name and deleted with their items") { store in
                try await store.createTable(users)
                try await store.createTable(events)
                try expectEqual(try await store.listTables(), [events, users], "the tables by name")
                try expectEqual(try await store.describeTable("missing"), nil, "an unknown table's definition")
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","name":"Ada"}"#))
                try await store.deleteTable("users")
                try expectEqual(try await store.listTables(), [events], "the tables after a delete")
                try await expectError(.tableNotFound, "a get on a deleted table") {
                    try await store.getItem(table: "users", key: "u1")
                }
                try await expectError(.tableNotFound, "deleting a deleted table") {
                    try await store.deleteTable("users")
                }
                try await store.createTable(users)
                try expectEqual(try await store.getItem(table: "users", key: "u1"), nil, "an item of the old table")
            },
            TableStoreBehaviour("every operation on an unknown table says the table is not found") { store in
                try await expectError(.tableNotFound, "get") { try await store.getItem(table: "nope", key: "a") }
                try await expectError(.tableNotFound, "put") {
                    try await store.putItem(table: "nope", item: try object(#"{"id":"a"}"#))
                }
                try await expectError(.tableNotFound, "update") {
                    try await store.updateItem(table: "nope", key: "a", actions: [])
                }
                try await expectError(.tableNotFound, "delete") { try await store.deleteItem(table: "nope", key: "a") }
                try await expectError(.tableNotFound, "query") {
                    try await store.query(table: "nope", TableQuery(partition: "a"))
                }
                try await expectError(.tableNotFound, "scan") { try await store.scan(table: "nope") }
                try await expectError(.tableNotFound, "transaction") {
                    try await store.transactWrite([.delete(table: "nope", key: "a")])
                }
            },
            TableStoreBehaviour("malformed table definitions are refused") { store in
                let empty = TableDefinition(name: "", partitionKey: KeyAttribute("id", .string))
                try await expectError(.invalidRequest, "an empty name") { try await store.createTable(empty) }
                let same = TableDefinition(
                    name: "t",
                    partitionKey: KeyAttribute("id", .string),
                    sortKey: KeyAttribute("id", .number)
                )
                try await expectError(.invalidRequest, "one attribute as both keys") {
                    try await store.createTable(same)
                }
                let ttlOnKey = TableDefinition(
                    name: "t",
                    partitionKey: KeyAttribute("id", .string),
                    timeToLiveAttribute: "id"
                )
                try await expectError(.invalidRequest, "a TTL on the key") { try await store.createTable(ttlOnKey) }
                try expectEqual(try await store.listTables(), [], "the tables after refusals")
            },
        ]
    }
}
