import GatehouseJSON

extension TableStoreBehaviour {
    static let files = TableDefinition(
        name: "files",
        partitionKey: KeyAttribute("hash", .binary),
        sortKey: KeyAttribute("name", .string)
    )

    static var itemChecks: [TableStoreBehaviour] {
        [
            TableStoreBehaviour("a put item reads back whole, and a put replaces it") { store in
                try await store.createTable(users)
                let ada = try object(
                    #"{"id":"u1","name":"Ada","tags":["a",{"b":null}],"n":1.5,"big":12345678901234567890,"ok":true}"#
                )
                try expectEqual(try await store.putItem(table: "users", item: ada), nil, "a first put's old item")
                let read = try await store.getItem(table: "users", key: "u1")
                try expectEqual(read, ada, "the item read back")
                try expectEqual(read?.keys ?? [], ada.keys, "the attribute order read back")
                let replacement = try object(#"{"id":"u1","email":"ada@example.com"}"#)
                try expectEqual(
                    try await store.putItem(table: "users", item: replacement),
                    ada,
                    "a replacing put's old item"
                )
                try expectEqual(try await store.getItem(table: "users", key: "u1"), replacement, "the replaced item")
                try expectEqual(try await store.getItem(table: "users", key: "u2"), nil, "an absent item")
            },
            TableStoreBehaviour("an item read as JSON text is the item, the same text while it is unchanged") { store in
                try await store.createTable(users)
                let ada = try object(#"{"id":"u1","name":"Ada","tags":["a",{"b":null}],"n":1.5,"ok":true}"#)
                try await store.putItem(table: "users", item: ada)
                let text = try await store.getItemJSON(table: "users", key: "u1")
                let parsed = try text.map { try JSONParser.parse($0) }?.objectValue
                try expectEqual(parsed, ada, "the item parsed from its JSON text")
                try expectEqual(parsed?.keys ?? [], ada.keys, "the attribute order of the JSON text")
                try expectEqual(
                    try await store.getItemJSON(table: "users", key: "u1"), text, "the text read again, unchanged")
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","name":"Grace"}"#))
                let changed = try await store.getItemJSON(table: "users", key: "u1")
                try expectEqual(
                    try changed.map { try JSONParser.parse($0) }?.objectValue?["name"], .string("Grace"),
                    "the text after a put")
                try expectEqual(try await store.getItemJSON(table: "users", key: "u2"), nil, "an absent item's text")
                try await expectError(.tableNotFound, "the text of an item of a table that does not exist") {
                    try await store.getItemJSON(table: "nobody", key: "u1")
                }
            },
            TableStoreBehaviour("keys are checked against the table's key types") { store in
                try await store.createTable(events)
                try await expectError(.invalidKey, "an item without its sort key") {
                    try await store.putItem(table: "events", item: try object(#"{"stream":"s"}"#))
                }
                try await expectError(.invalidKey, "a string where the sort key is a number") {
                    try await store.putItem(table: "events", item: try object(#"{"stream":"s","seq":"1"}"#))
                }
                try await expectError(.invalidKey, "an empty string key") {
                    try await store.putItem(table: "events", item: try object(#"{"stream":"","seq":1}"#))
                }
                try await expectError(.invalidKey, "a get without the sort key") {
                    try await store.getItem(table: "events", key: ItemKey("s"))
                }
                try await expectError(.invalidKey, "a get with a number partition key") {
                    try await store.getItem(table: "events", key: ItemKey(1, 1))
                }
                try expectEqual(try await store.scan(table: "events").items, [], "the table after refused puts")
            },
            TableStoreBehaviour("binary keys are base64 strings in items and compare by bytes") { store in
                try await store.createTable(files)
                try await expectError(.invalidKey, "a binary key that is not base64") {
                    try await store.putItem(table: "files", item: try object(#"{"hash":"%%","name":"a"}"#))
                }
                // [0x00, 0xFF] and [0x01] as base64.
                try await store.putItem(table: "files", item: try object(#"{"hash":"AP8=","name":"b","v":1}"#))
                try await store.putItem(table: "files", item: try object(#"{"hash":"AQ==","name":"a","v":2}"#))
                let item = try await store.getItem(table: "files", key: ItemKey(.binary([0x00, 0xFF]), "b"))
                try expectEqual(item?["v"], .number(JSONNumber(1)), "the item under binary key 00 FF")
                let scanned = try await store.scan(table: "files").items
                try expectEqual(strings(scanned, "hash"), ["AP8=", "AQ=="], "binary keys in byte order")
            },
            TableStoreBehaviour("string keys are distinct unless their UTF-8 bytes are equal") { store in
                try await store.createTable(users)
                // "é" precomposed and decomposed: canonically equivalent in Swift, different bytes.
                try await store.putItem(table: "users", item: try object(#"{"id":"\u00e9","form":"nfc"}"#))
                try await store.putItem(table: "users", item: try object(#"{"id":"e\u0301","form":"nfd"}"#))
                try expectEqual(try await store.scan(table: "users").items.count, 2, "items under é and e + U+0301")
                let precomposed = try await store.getItem(table: "users", key: ItemKey(.string("\u{E9}")))
                try expectEqual(precomposed?["form"], .string("nfc"), "the item under precomposed é")
            },
            TableStoreBehaviour("an update sets, removes and adds, creates a missing item and returns it") { store in
                try await store.createTable(users)
                try await store.putItem(table: "users", item: try object(#"{"id":"u1","name":"Ada","old":true}"#))
                let updated = try await store.updateItem(
                    table: "users",
                    key: "u1",
                    actions: [.set("name", .string("Grace")), .remove("old"), .add("visits", JSONNumber(2))]
                )
                try expectEqual(updated, try object(#"{"id":"u1","name":"Grace","visits":2}"#), "the updated item")
                try expectEqual(try await store.getItem(table: "users", key: "u1"), updated, "the stored item")
                let added = try await store.updateItem(
                    table: "users",
                    key: "u1",
                    actions: [.add("visits", JSONNumber(-5)), .remove("absent")]
                )
                try expectEqual(added["visits"], .number(JSONNumber(-3)), "2 + -5")
                let created = try await store.updateItem(
                    table: "users",
                    key: "u2",
                    actions: [.add("score", JSONNumber(0.5))]
                )
                try expectEqual(created, try object(#"{"id":"u2","score":0.5}"#), "an item created by an update")
            },
            TableStoreBehaviour("a bad update is refused and changes nothing") { store in
                try await store.createTable(users)
                let ada = try object(#"{"id":"u1","name":"Ada","n":1}"#)
                try await store.putItem(table: "users", item: ada)
                try await expectError(.invalidRequest, "adding to a string") {
                    try await store.updateItem(
                        table: "users",
                        key: "u1",
                        actions: [.add("n", JSONNumber(1)), .add("name", JSONNumber(1))]
                    )
                }
                try await expectError(.invalidRequest, "setting the key attribute") {
                    try await store.updateItem(table: "users", key: "u1", actions: [.set("id", .string("u9"))])
                }
                try await expectError(.invalidRequest, "changing one attribute twice") {
                    try await store.updateItem(
                        table: "users",
                        key: "u1",
                        actions: [.set("n", .null), .remove("n")]
                    )
                }
                try await expectError(.invalidRequest, "an integer overflow") {
                    try await store.updateItem(
                        table: "users",
                        key: "u1",
                        actions: [.add("n", JSONNumber(Int64.max))]
                    )
                }
                try await expectError(.invalidRequest, "setting a number JSON cannot hold") {
                    try await store.updateItem(
                        table: "users",
                        key: "u1",
                        actions: [.set("n", .array([.number(JSONNumber(Double.nan))]))]
                    )
                }
                try await expectError(.invalidKey, "an infinite number key") {
                    try await store.createTable(events)
                    return try await store.getItem(
                        table: "events", key: ItemKey("s", .number(JSONNumber(Double.infinity))))
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), ada, "the item after refusals")
            },
            TableStoreBehaviour("a delete returns the deleted item, and nil when there was none") { store in
                try await store.createTable(events)
                let event = try object(#"{"stream":"s","seq":1,"kind":"created"}"#)
                try await store.putItem(table: "events", item: event)
                try expectEqual(try await store.deleteItem(table: "events", key: ItemKey("s", 1)), event, "deleted")
                try expectEqual(try await store.getItem(table: "events", key: ItemKey("s", 1)), nil, "after delete")
                try expectEqual(try await store.deleteItem(table: "events", key: ItemKey("s", 1)), nil, "again")
            },
            TableStoreBehaviour("an item over 400 KiB is refused with its size and nothing is stored") { store in
                try await store.createTable(users)
                var item = JSONObject()
                item["id"] = .string("u1")
                item["blob"] = .string("")
                let overhead = JSONWriter.string(.object(item)).utf8.count
                let fits = String(repeating: "x", count: TableStoreLimits.maximumItemSize - overhead)
                item["blob"] = .string(fits)
                try await store.putItem(table: "users", item: item)
                try expectEqual(try await store.getItem(table: "users", key: "u1"), item, "an item of exactly 400 KiB")
                var large = item
                large["blob"] = .string(fits + "y")
                large["id"] = .string("u2")
                do {
                    try await store.putItem(table: "users", item: large)
                    try expect(false, "an item of 400 KiB + 1 byte was stored")
                } catch let error as TableStoreError {
                    try expectEqual(error.code, .itemTooLarge, "the error of a large put")
                    try expect(error.message.contains("\(TableStoreLimits.maximumItemSize + 1) bytes"), "the size")
                    try expect(!error.description.contains("xxxx"), "the error shows no stored value")
                }
                try expectEqual(try await store.getItem(table: "users", key: "u2"), nil, "the refused item")
                try await expectError(.itemTooLarge, "an update that grows past the limit") {
                    try await store.updateItem(table: "users", key: "u1", actions: [.set("more", .bool(true))])
                }
                try expectEqual(try await store.getItem(table: "users", key: "u1"), item, "the item after it")
            },
            TableStoreBehaviour("expired items are absent for reads and conditions") { store in
                let sessions = TableDefinition(
                    name: "sessions",
                    partitionKey: KeyAttribute("user", .string),
                    sortKey: KeyAttribute("id", .number),
                    timeToLiveAttribute: "expiresAt"
                )
                try await store.createTable(sessions)
                // Seconds since 1970: 2001 is past, 2286 is not; a string is not a time and never expires.
                try await store.putItem(table: "sessions", item: try object(#"{"user":"u","id":1,"expiresAt":1e9}"#))
                try await store.putItem(table: "sessions", item: try object(#"{"user":"u","id":2,"expiresAt":1e10}"#))
                try await store.putItem(
                    table: "sessions",
                    item: try object(#"{"user":"u","id":3,"expiresAt":"soon"}"#)
                )
                try await store.putItem(table: "sessions", item: try object(#"{"user":"u","id":4}"#))
                try expectEqual(try await store.getItem(table: "sessions", key: ItemKey("u", 1)), nil, "expired get")
                try expectEqual(
                    try await store.getItemJSON(table: "sessions", key: ItemKey("u", 1)), nil, "an expired item's text")
                let queried = try await store.query(table: "sessions", TableQuery(partition: "u")).items
                try expectEqual(numbers(queried, "id"), [2, 3, 4], "a query skips the expired item")
                let scanned = try await store.scan(table: "sessions", limit: 1)
                try expectEqual(numbers(scanned.items, "id"), [2], "a scan's first page skips it")
                try await store.putItem(
                    table: "sessions",
                    item: try object(#"{"user":"u","id":1,"fresh":true}"#),
                    condition: .attributeNotExists("user")
                )
                let renewed = try await store.getItem(table: "sessions", key: ItemKey("u", 1))
                try expectEqual(renewed?["fresh"], .bool(true), "an expired item counts as absent for a condition")
                let bumped = try await store.updateItem(
                    table: "sessions",
                    key: ItemKey("u", 2),
                    actions: [.set("expiresAt", .number(JSONNumber(1000)))]
                )
                try expectEqual(bumped["expiresAt"], .number(JSONNumber(1000)), "the update's result")
                try expectEqual(
                    try await store.getItem(table: "sessions", key: ItemKey("u", 2)), nil, "expired by update")
            },
        ]
    }
}
