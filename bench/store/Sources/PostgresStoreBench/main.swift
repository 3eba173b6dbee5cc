import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseStorePostgres
import Logging
import PostgresNIO

// Usage: PG_URL=postgres://USER:PASSWORD@HOST:PORT/DB PostgresStoreBench [ITEMS] [ROUNDS]
// Puts ITEMS items (ids item-000000…), then gets each, one at a time, through PostgresTableStore and through
// RawPostgres (the same statements as prepared statements), alternating in every round; prints the operations per
// second of each and the ratio, best of the rounds. The database should be empty or a Gatehouse store.
let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 5_000 : 5_000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
guard let text = ProcessInfo.processInfo.environment["PG_URL"], let url = try? PostgresStoreURL(text) else {
    FileHandle.standardError.write(Data("set PG_URL=postgres://USER:PASSWORD@HOST:PORT/DB\n".utf8))
    exit(64)
}

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

func measure() async throws -> [String: Double] {
    let configuration = PostgresTableStore.Configuration(url: url)
    let store = try await PostgresTableStore.open(configuration)
    try await store.createTable(TableDefinition(name: "bench_store", partitionKey: KeyAttribute("id", .string)))
    try await store.createTable(TableDefinition(name: "bench_raw", partitionKey: KeyAttribute("id", .string)))
    var options = PostgresClient.Configuration(
        host: url.host, port: url.port, username: url.username, password: url.password, database: url.database,
        tls: .disable)
    options.options.maximumConnections = configuration.maximumConnections
    let client = PostgresClient(configuration: options, backgroundLogger: RawPostgres.logger)
    let running = Task { await client.run() }
    let raw = RawPostgres(client: client)

    var best: [String: Double] = [:]
    func record(_ name: String, _ elapsed: Double) {
        best[name] = max(best[name] ?? 0, Double(count) / elapsed)
    }
    for round in 0..<rounds {
        record(
            "store put",
            try await seconds {
                for index in 0..<count {
                    try await store.putItem(table: "bench_store", item: item(index, round: round))
                }
            })
        record(
            "raw put",
            try await seconds {
                for index in 0..<count {
                    try await raw.put(table: "bench_raw", id: id(index), item: item(index, round: round))
                }
            })
        var found = 0
        record(
            "store get",
            try await seconds {
                for index in 0..<count
                where try await store.getItem(table: "bench_store", key: ItemKey(.string(id(index)))) != nil {
                    found += 1
                }
            })
        record(
            "raw get",
            try await seconds {
                for index in 0..<count where try await raw.get(table: "bench_raw", id: id(index)) != nil { found += 1 }
            })
        precondition(found == 2 * count, "every item is found")
    }
    running.cancel()
    await store.close()
    return best
}

let best = try await Task.detached { try await measure() }.value

print("| operation | PostgresTableStore ops/s | postgres-nio prepared statements ops/s | ratio |")
print("|---|---|---|---|")
for operation in ["put", "get"] {
    let ours = best["store \(operation)"]!
    let theirs = best["raw \(operation)"]!
    print(
        "| point \(operation) | \(Int(ours).formatted()) | \(Int(theirs).formatted()) | "
            + "\(Int((ours / theirs * 100).rounded())) % |")
}
print()
print("\(count) items, best of \(rounds) rounds, one operation at a time.")
