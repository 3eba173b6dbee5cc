package import GatehouseJSON
import GatehouseSpec
package import GatehouseStore

/// How stateful mocks lay out their tables, shared by the mocks, seeding and `gatehouse store load`.
///
/// Every mock table has the same key: the partition `_partition` (the parent path parameters' values joined with
/// `/`, or `_` for a top-level collection) and the sort key `_id` (the item's id as text). Items keep the API's own
/// fields beside these two attributes, which clients never see.
package enum MockTables {
    /// The partition key attribute of a mock table.
    package static let partitionAttribute = "_partition"
    /// The sort key attribute of a mock table: the item's id as text.
    package static let idAttribute = "_id"
    /// The partition of a collection that has no parent path parameters.
    package static let topLevelPartition = "_"
    /// The table of integer id sequences, one item per mock table: `{name, value}`.
    package static let sequencesTable = "_gatehouse_sequences"
    /// The table recording which seed items were written once, so a restart does not write them again.
    package static let seededTable = "_gatehouse_seeded"

    /// The definition of the mock table `name`.
    package static func definition(_ name: String) -> TableDefinition {
        TableDefinition(
            name: name,
            partitionKey: KeyAttribute(partitionAttribute, .string),
            sortKey: KeyAttribute(idAttribute, .string)
        )
    }

    /// True when `definition` has the key of a mock table.
    package static func hasMockLayout(_ definition: TableDefinition) -> Bool {
        definition == MockTables.definition(definition.name)
    }

    /// An id as the text of the `_id` attribute and of a path: strings as they are, numbers in JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return string
        case .number(let number): return number.description
        default: return value.description
        }
    }

    /// The `_id` of an item whose id is `value`. In a table of integer ids, a non-negative integer is written with
    /// 20 digits, so that the text order of `_id` (the order of lists) is the numeric order: 2 before 10.
    static func idKey(_ value: JSONValue, integerIds: Bool) -> String {
        if integerIds, let integer = value.numberValue?.int64, integer >= 0 { return padded(integer) }
        return text(value)
    }

    /// The `_id` of the item a path names (`/lists/{id}`), the way `idKey` writes it.
    static func idKey(path: String, integerIds: Bool) -> String {
        if integerIds, let integer = Int64(path), integer >= 0 { return padded(integer) }
        return path
    }

    /// Whether the store can hold `key` as a key value: not empty and at most its 1,024 bytes.
    static func isStorable(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.count <= TableStoreLimits.maximumKeySize
    }

    private static func padded(_ integer: Int64) -> String {
        let digits = String(integer)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    /// The item as a mock table stores it: `item` (as the API shows it) with `_partition` and `_id` added. An item
    /// that already has both (a line of `gatehouse store dump`) is kept as it is.
    ///
    /// Throws a message for people when the item lacks its id or the values of its parent path parameters.
    package static func storedItem(
        _ item: JSONObject,
        idProperty: String,
        parentParameters: [String],
        integerIds: Bool
    ) throws(MockItemError) -> JSONObject {
        if item[partitionAttribute]?.stringValue != nil, item[idAttribute]?.stringValue != nil { return item }
        guard let id = ItemKeyPath.value(in: item, idProperty), id.stringValue != nil || id.numberValue != nil else {
            throw MockItemError(
                "the item has no '\(idProperty)' (a string or a number): every stored item needs its id")
        }
        var partition: [String] = []
        for parameter in parentParameters {
            guard let value = item[parameter], value.stringValue != nil || value.numberValue != nil else {
                throw MockItemError(
                    "the item has no '\(parameter)', the path parameter its collection is nested under")
            }
            partition.append(text(value))
        }
        var stored = item
        stored[partitionAttribute] = .string(partition.isEmpty ? topLevelPartition : partition.joined(separator: "/"))
        stored[idAttribute] = .string(idKey(id, integerIds: integerIds))
        return stored
    }

    /// Moves the integer id sequence of `table` to at least `id`, so the next generated id does not collide with an
    /// item that was loaded or seeded with its own id.
    package static func advanceSequence(of table: String, toAtLeast id: Int64, in store: any TableStore) async throws {
        _ = try await store.createTable(
            TableDefinition(name: sequencesTable, partitionKey: KeyAttribute("name", .string))
        )
        // Compare and set: a concurrent create that takes the next number first makes the condition fail, and the
        // loop looks again.
        for _ in 0..<100 {
            let current = try await store.getItem(table: sequencesTable, key: ItemKey(.string(table)))
            let value = current?["value"]?.numberValue?.int64 ?? 0
            if value >= id { return }
            do {
                try await store.putItem(
                    table: sequencesTable,
                    item: JSONObject(["name": .string(table), "value": .number(JSONNumber(id))]),
                    condition: current.map { .equals("value", $0["value"] ?? .null) } ?? .attributeNotExists("name")
                )
                return
            } catch let error as TableStoreError where error.code == .conditionFailed {
                continue
            }
        }
        throw TableStoreError(code: .conditionFailed, message: "the id sequence of '\(table)' kept changing")
    }

    /// Forgets the id sequence and the seed records of `table`, after its items were cleared, so numbering and
    /// seeding start again.
    package static func forgetState(of table: String, in store: any TableStore) async throws {
        if try await store.describeTable(sequencesTable) != nil {
            try await store.deleteItem(table: sequencesTable, key: ItemKey(.string(table)))
        }
        guard try await store.describeTable(seededTable) != nil else { return }
        while true {
            let page = try await store.query(
                table: seededTable,
                TableQuery(partition: .string(table), limit: TableStoreLimits.maximumTransactionActions))
            if page.items.isEmpty { return }
            try await store.transactWrite(
                page.items.compactMap { item in
                    item["key"]?.stringValue.map {
                        .delete(table: seededTable, key: ItemKey(.string(table), .string($0)))
                    }
                }
            )
        }
    }
}

/// Why an item cannot be stored in a mock table; the caller adds where the item came from.
package struct MockItemError: Error, Sendable, CustomStringConvertible {
    /// A sentence for people: lowercase first word, names in single quotes.
    package var message: String

    init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
