import GatehouseJSON
package import GatehouseSpec
package import GatehouseStore

/// Writes seed items into the mock tables of a contract, once: an item seeded before is never written again, so a
/// restart neither duplicates items nor undoes what clients changed or deleted since.
///
/// ```swift
/// let seeder = StoreSeeder(model: model, store: store)
/// let prepared = try seeder.prepare(SeedItem.fromContract(model).items)
/// let summary = try await seeder.seed(prepared)
/// ```
package struct StoreSeeder: Sendable {
    let store: any TableStore
    let shapes: [String: MockTableShape]

    package init(model: APIModel, store: any TableStore) {
        self.store = store
        self.shapes = MockTableShape.all(in: model)
    }

    /// A seed item checked against its table's schema and keyed the way the mocks key items.
    package struct Prepared: Sendable {
        var table: String
        var item: JSONObject
    }

    /// What `seed` did.
    package struct Summary: Sendable, Hashable {
        /// Items written now.
        package var written: Int
        /// Items left alone: seeded by an earlier run, or already created by a client.
        package var kept: Int
    }

    /// Checks every seed item (its table is one the contract maps, it has its id and parent values, it matches the
    /// item schema, its key is not seeded twice) and returns them ready to write, or every problem found.
    package func prepare(_ seeds: [SeedItem]) throws(SeedProblems) -> [Prepared] {
        var prepared: [Prepared] = []
        var problems: [SeedProblem] = []
        var seen: [String: String] = [:]
        for seed in seeds {
            guard let shape = shapes[seed.table] else {
                let known = shapes.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                problems.append(
                    SeedProblem(
                        seed.origin,
                        "'\(seed.table)' is not a table of the contract"
                            + (known.isEmpty ? " (no operation maps to a table)" : "; its tables are \(known)")
                    )
                )
                continue
            }
            do {
                let item = try shape.storedItem(seed.item)
                let key = Self.markerKey(item)
                if let first = seen[seed.table + "\n" + key] {
                    problems.append(
                        SeedProblem(seed.origin, "this item of '\(seed.table)' has the key of the one at \(first)"))
                    continue
                }
                seen[seed.table + "\n" + key] = seed.origin
                prepared.append(Prepared(table: seed.table, item: item))
            } catch {
                problems.append(SeedProblem(seed.origin, error.message))
            }
        }
        if !problems.isEmpty { throw SeedProblems(problems: problems) }
        return prepared
    }

    /// Writes the prepared items that no earlier run seeded, each with a record that it was seeded, and moves integer
    /// id sequences past the seeded ids.
    package func seed(_ prepared: [Prepared]) async throws -> Summary {
        guard !prepared.isEmpty else { return Summary(written: 0, kept: 0) }
        try await store.createTable(
            TableDefinition(
                name: MockTables.seededTable,
                partitionKey: KeyAttribute("table", .string),
                sortKey: KeyAttribute("key", .string)
            )
        )
        var summary = Summary(written: 0, kept: 0)
        var highest: [String: Int64] = [:]
        for entry in prepared {
            try await store.createTable(MockTables.definition(entry.table))
            if let id = entry.item[shapes[entry.table]?.idProperty ?? "id"]?.numberValue?.int64 {
                highest[entry.table] = max(highest[entry.table] ?? id, id)
            }
            let marker = JSONObject(["table": .string(entry.table), "key": .string(Self.markerKey(entry.item))])
            let markerKey = ItemKey(.string(entry.table), .string(Self.markerKey(entry.item)))
            if try await store.getItem(table: MockTables.seededTable, key: markerKey) != nil {
                summary.kept += 1
                continue
            }
            do {
                try await store.transactWrite([
                    .put(table: MockTables.seededTable, item: marker, condition: .attributeNotExists("table")),
                    .put(
                        table: entry.table, item: entry.item,
                        condition: .attributeNotExists(MockTables.idAttribute)),
                ])
                summary.written += 1
            } catch let error as TableStoreError where error.code == .conditionFailed {
                // A client created the item first (or another process seeded it): keep that item, and record the
                // seed as done so it is not tried again.
                try await store.putItem(table: MockTables.seededTable, item: marker)
                summary.kept += 1
            }
        }
        for (table, id) in highest.sorted(by: { $0.key < $1.key }) {
            try await MockTables.advanceSequence(of: table, toAtLeast: id, in: store)
        }
        return summary
    }

    /// The record key of a stored item: its partition and id, unambiguously joined.
    static func markerKey(_ item: JSONObject) -> String {
        JSONWriter.string(
            .array([item[MockTables.partitionAttribute] ?? .null, item[MockTables.idAttribute] ?? .null]))
    }
}

/// Every problem found in a set of seed items.
package struct SeedProblems: Error, Sendable, CustomStringConvertible {
    package var problems: [SeedProblem]

    package init(problems: [SeedProblem]) {
        self.problems = problems
    }

    /// One line per problem.
    package var description: String { problems.map(\.description).joined(separator: "\n") }
}
