import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseStore
import GatehouseStoreSQLite

// Usage: StoreBench [ITEMS] [ROUNDS]
// Puts ITEMS items (ids item-000000…), then gets each, through SQLiteTableStore and through RawSQLite, alternating
// in every round; prints the operations per second of each and the ratio, best of the rounds.
let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 20_000 : 20_000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

func item(_ index: Int, round: Int) -> JSONObject {
    JSONObject([
        "id": .string(id(index)),
        "title": .string("Buy oat milk and bread, item \(index)"),
        "status": .string("open"),
        "priority": .number(JSONNumber(index % 5)),
        "tags": .array([.string("groceries"), .string("round \(round)")]),
        "done": .bool(false),
    ])
}

func id(_ index: Int) -> String { "item-" + String(index + 1_000_000).dropFirst() }

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The measurement, off the main actor: awaiting the store from top-level code would hop between the main thread and
/// the global executor twice per operation, a cost of the harness rather than of the store.
func measure() async throws -> [String: Double] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(UUID().uuidString)")
        .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }

    let store = try SQLiteTableStore(path: directory + "/store.sqlite")
    try await store.createTable(TableDefinition(name: "todos", partitionKey: KeyAttribute("id", .string)))
    let raw = RawSQLite(path: directory + "/raw.sqlite")

    var best: [String: Double] = [:]
    func record(_ name: String, _ elapsed: Double) {
        best[name] = max(best[name] ?? 0, Double(count) / elapsed)
    }
    for round in 0..<rounds {
        record(
            "store put",
            try await seconds {
                for index in 0..<count { try await store.putItem(table: "todos", item: item(index, round: round)) }
            }
        )
        record(
            "raw put",
            await seconds {
                for index in 0..<count { raw.put(table: "todos", id: id(index), item: item(index, round: round)) }
            }
        )
        var found = 0
        record(
            "store get",
            try await seconds {
                for index in 0..<count
                where try await store.getItem(table: "todos", key: ItemKey(.string(id(index)))) != nil {
                    found += 1
                }
            }
        )
        record(
            "raw get",
            await seconds {
                for index in 0..<count where raw.get(table: "todos", id: id(index)) != nil { found += 1 }
            }
        )
        precondition(found == 2 * count, "every item is found")
    }
    try store.close()
    return best
}

let best = try await Task.detached { try await measure() }.value

print("| operation | SQLiteTableStore ops/s | raw SQLite C API ops/s | ratio |")
print("|---|---|---|---|")
for operation in ["put", "get"] {
    let ours = best["store \(operation)"]!
    let theirs = best["raw \(operation)"]!
    print(
        "| point \(operation) | \(Int(ours).formatted()) | \(Int(theirs).formatted()) | "
            + "\(Int((ours / theirs * 100).rounded())) % |")
}
print()
print("\(count) items, best of \(rounds) rounds.")
