import Foundation
import GatehouseJSON
import GatehouseSpec
import Testing

/// `gatehouse store`: tables, dump, load and clear against a SQLite store file, as a user runs them.
struct StoreCommandTests {
    static let todoSpec = GatehouseProcess.repositoryRoot + "/specs/todo.yaml"

    static let lists = """
        {"id": 2, "name": "Work", "description": null, "todoCount": 0}
        {"id": 1, "name": "Groceries", "description": "For the market", "todoCount": 3}

        """

    func store(_ directory: String) -> [String] { ["--store", "sqlite:\(directory)/store.sqlite"] }

    @Test func loadDumpAndClearAMockTable() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory + "/lists.jsonl"
            try Self.lists.write(toFile: file, atomically: true, encoding: .utf8)
            let loaded = try await GatehouseProcess.run(
                ["store", "load", "lists", file, "--spec", Self.todoSpec] + store(directory))
            #expect(loaded.status == 0, "\(loaded.stderr)")
            #expect(loaded.stdout == "loaded 2 items into 'lists'\n")

            // Key order (partition, then id), with the mock's key attributes and the timestamps the schema requires.
            let dump = try await GatehouseProcess.run(["store", "dump", "lists"] + store(directory))
            #expect(dump.status == 0)
            let lines = dump.stdout.split(separator: "\n").map { try? JSONParser.parse(Array($0.utf8)).objectValue }
            #expect(lines.count == 2)
            #expect(lines.map { $0?["name"] } == [.string("Groceries"), .string("Work")])
            #expect(lines.map { $0?["_id"] } == [.string("00000000000000000001"), .string("00000000000000000002")])
            #expect(lines.allSatisfy { $0?["createdAt"]?.stringValue != nil && $0?["_partition"] == .string("_") })

            // A dump loads back unchanged into another store, from standard input, without a contract.
            let other = ["--store", "sqlite:\(directory)/other.sqlite"]
            #expect(
                try await GatehouseProcess.run(
                    ["store", "load", "lists", "-", "--spec", Self.todoSpec] + other, stdin: ""
                )
                .status == 0)
            let reloaded = try await GatehouseProcess.run(["store", "load", "lists", "-"] + other, stdin: dump.stdout)
            #expect(reloaded.stdout == "loaded 2 items into 'lists'\n")
            #expect(try await GatehouseProcess.run(["store", "dump", "lists"] + other).stdout == dump.stdout)

            let tables = try await GatehouseProcess.run(["store", "tables"] + store(directory))
            #expect(tables.status == 0)
            #expect(
                tables.stdout == """
                    TABLE                 PARTITION KEY        SORT KEY      ITEMS
                    _gatehouse_sequences  name (string)        -             1
                    lists                 _partition (string)  _id (string)  2

                    """
            )

            let cleared = try await GatehouseProcess.run(["store", "clear", "lists"] + store(directory))
            #expect(cleared.stdout == "cleared 'lists': 2 items removed\n")
            #expect(try await GatehouseProcess.run(["store", "dump", "lists"] + store(directory)).stdout == "")
            #expect(try await GatehouseProcess.run(["store", "tables"] + store(directory)).stdout.contains("lists "))
        }
    }

    @Test func aFileWithBadLinesLoadsNothingAndNamesEveryLine() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory + "/bad.jsonl"
            try """
            {"id": 1, "name": "Fine", "description": null, "todoCount": 0}
            {"id": "x", "name": "Bad id", "description": null, "todoCount": 0}
            not json
            [1, 2]
            {"name": "No id", "description": null, "todoCount": 0}
            {"id": 1, "name": "Again", "description": null, "todoCount": 0}
            """.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try await GatehouseProcess.run(
                ["store", "load", "lists", "bad.jsonl", "--spec", Self.todoSpec] + store(directory), in: directory)
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(
                result.stderr == """
                    bad.jsonl:2: error: the item does not match the schema 'TodoList' of table 'lists' at '/id': expected an integer, found a string 'x'
                    bad.jsonl:3:1: error: invalid JSON: expected a JSON value, found 'n'
                    bad.jsonl:4: error: a line must be a JSON object (one item)
                    bad.jsonl:5: error: the item has no 'id' (a string or a number): every stored item needs its id
                    bad.jsonl:6: error: this item has the key of the item on line 1
                    error: nothing was loaded: 5 bad lines in 'bad.jsonl'

                    """
            )
            #expect(try await GatehouseProcess.run(["store", "dump", "lists"] + store(directory)).stdout == "")
        }
    }

    @Test func aNewTableTakesItsKeyFromAnOption() async throws {
        try await withTemporaryDirectory { directory in
            let noKey = try await GatehouseProcess.run(
                ["store", "load", "stock", "-"] + store(directory), stdin: "{}\n")
            #expect(noKey.status == 64)
            #expect(
                noKey.stderr
                    == "error: there is no table 'stock' yet; pass --spec SPEC to take its key from the contract, or "
                    + "--partition-key NAME[:TYPE]\n"
            )

            let lines = #"{"sku": 10, "count": 1}"# + "\n" + #"{"sku": 9, "count": 4}"# + "\n"
            let loaded = try await GatehouseProcess.run(
                ["store", "load", "stock", "-", "--partition-key", "sku:number"] + store(directory), stdin: lines)
            #expect(loaded.status == 0, "\(loaded.stderr)")
            // Numbers order numerically: 9 before 10.
            #expect(
                try await GatehouseProcess.run(["store", "dump", "stock"] + store(directory)).stdout
                    == #"{"sku":9,"count":4}"# + "\n" + #"{"sku":10,"count":1}"# + "\n"
            )

            let wrongType = try await GatehouseProcess.run(
                ["store", "load", "stock", "-"] + store(directory), stdin: #"{"sku": "ten"}"# + "\n")
            #expect(wrongType.status == 1)
            #expect(wrongType.stderr.hasPrefix("<stdin>:1: error: key attribute 'sku' of table 'stock' "))

            let otherKey = try await GatehouseProcess.run(
                ["store", "load", "stock", "-", "--partition-key", "id"] + store(directory), stdin: "")
            #expect(otherKey.status == 64)
            #expect(otherKey.stderr == "error: table 'stock' exists with another key; leave out --partition-key\n")
        }
    }

    @Test func aMissingStoreOrTableIsAClearError() async throws {
        try await withTemporaryDirectory { directory in
            let noStore = try await GatehouseProcess.run(["store", "tables"], in: directory)
            #expect(noStore.status == 64)
            #expect(
                noStore.stderr
                    == "error: there is no store at '.gatehouse/store.sqlite'; 'gatehouse serve' creates it, or pass "
                    + "--store sqlite:PATH\n"
            )
            #expect(!FileManager.default.fileExists(atPath: directory + "/.gatehouse"))

            _ = try await GatehouseProcess.run(
                ["store", "load", "stock", "-", "--partition-key", "sku"] + store(directory), stdin: "")
            let noTable = try await GatehouseProcess.run(["store", "dump", "stocks"] + store(directory))
            #expect(noTable.status == 64)
            #expect(
                noTable.stderr
                    == "error: there is no table 'stocks' in 'sqlite:\(directory)/store.sqlite'; its tables are "
                    + "'stock'\n")

            let memory = try await GatehouseProcess.run(["store", "tables", "--store", "memory"])
            #expect(memory.status == 64)
            #expect(memory.stderr.contains("--store memory keeps nothing between runs"))

            try Array(repeating: "not a database", count: 100).joined().write(
                toFile: directory + "/foreign.sqlite", atomically: true, encoding: .utf8)
            let foreign = try await GatehouseProcess.run([
                "store", "tables", "--store", "sqlite:\(directory)/foreign.sqlite",
            ])
            #expect(foreign.status == 64)
            #expect(foreign.stderr.contains("not a SQLite database or is damaged; it was left unchanged"))
        }
    }
}
