import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseServe
import GatehouseSpec
import GatehouseStore

/// `gatehouse store load TABLE FILE`: writes JSON lines into a table, all lines checked before any is written.
struct StoreLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Write the items of a JSON lines file into a table (replacing items with the same key).",
        discussion: """
            Every line is checked first (JSON object, key attributes of the right type, size, no key twice, and \
            with --spec the contract's item schema); a bad line is reported as FILE:LINE: error: … and nothing is \
            loaded. Then the items are written in transactions of 100; if the store fails midway, the message \
            says how many were written.

            A table that does not exist yet needs its key: --spec SPEC takes it from the contract (the table \
            becomes a mock table that 'serve' uses, and lines are items as the API shows them, with their id), \
            or --partition-key NAME[:TYPE] (and --sort-key) gives it; TYPE is string, number or binary \
            (default string). Lines for a mock table may be items as the API shows them (keyed by 'id' and, \
            with --spec, by their parent path parameters) or lines of 'gatehouse store dump'.
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table to load into.")
    var table: String

    @Argument(help: "A JSON lines file, or '-' for standard input.")
    var file: String

    @Option(help: "A contract whose operations map to TABLE: its key and item schema.")
    var spec: String?

    @Option(help: "The partition key of a new table: NAME[:TYPE].")
    var partitionKey: String?

    @Option(help: "The sort key of a new table: NAME[:TYPE].")
    var sortKey: String?

    mutating func validate() throws {
        for (flag, value) in [("--partition-key", partitionKey), ("--sort-key", sortKey)] {
            if let value, Self.keyAttribute(value) == nil {
                throw ValidationError(
                    "\(flag) '\(value)': expected NAME or NAME:TYPE with TYPE string, number or binary")
            }
        }
        if sortKey != nil && partitionKey == nil {
            throw ValidationError("--sort-key needs --partition-key")
        }
    }

    static func keyAttribute(_ text: String) -> KeyAttribute? {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty else { return nil }
        guard parts.count == 2 else { return KeyAttribute(name, .string) }
        return KeyType(rawValue: parts[1]).map { KeyAttribute(name, $0) }
    }

    func run() async throws {
        let origin = file == "-" ? "<stdin>" : file
        let bytes: [UInt8]
        if file == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                StandardError.write("error: cannot read '\(file)'\n")
                throw ExitStatus.usageOrIO
            }
            bytes = Array(data)
        }
        var shape: MockTableShape?
        if let spec {
            let (model, _) = try ContractLoading.load(spec, purpose: "before loading with it")
            shape = MockTableShape.all(in: model)[table]
            if shape == nil && partitionKey == nil {
                let names = MockTableShape.all(in: model).keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                StandardError.write(
                    "error: no operation of '\(spec)' maps to table '\(table)'"
                        + (names.isEmpty ? "\n" : "; its tables are \(names)\n"))
                throw ExitStatus.usageOrIO
            }
        }
        let store = try await options.open(creating: true)
        let definition = try await tableDefinition(store: store, shape: shape)
        let items = try prepare(bytes, origin: origin, definition: definition, shape: shape)
        _ = try await StoreOptions.run { try await store.createTable(definition) }
        var written = 0
        do {
            for start in stride(from: 0, to: items.count, by: TableStoreLimits.maximumTransactionActions) {
                let batch = items[start..<min(start + TableStoreLimits.maximumTransactionActions, items.count)]
                try await store.transactWrite(batch.map { .put(table: table, item: $0, condition: nil) })
                written += batch.count
            }
            if MockTables.hasMockLayout(definition) {
                let idProperty = shape?.idProperty ?? "id"
                if let highest = items.compactMap({ $0[idProperty]?.numberValue?.int64 }).max() {
                    try await MockTables.advanceSequence(of: table, toAtLeast: highest, in: store)
                }
            }
        } catch {
            StandardError.write(
                "error: \(error); \(written) of \(items.count) items were written to '\(table)' before it failed\n")
            throw ExitStatus.usageOrIO
        }
        print("loaded \(items.count) item\(items.count == 1 ? "" : "s") into '\(table)'")
    }

    /// The table's definition: the existing one, else from the contract or the key options.
    func tableDefinition(store: any TableStore, shape: MockTableShape?) async throws -> TableDefinition {
        let requested = partitionKey.flatMap(Self.keyAttribute).map {
            TableDefinition(name: table, partitionKey: $0, sortKey: sortKey.flatMap(Self.keyAttribute))
        }
        if let existing = try await StoreOptions.run({ try await store.describeTable(table) }) {
            if let requested, requested != existing {
                StandardError.write("error: table '\(table)' exists with another key; leave out --partition-key\n")
                throw ExitStatus.usageOrIO
            }
            return existing
        }
        if let requested { return requested }
        if shape != nil { return MockTables.definition(table) }
        StandardError.write(
            "error: there is no table '\(table)' yet; pass --spec SPEC to take its key from the contract, or "
                + "--partition-key NAME[:TYPE]\n")
        throw ExitStatus.usageOrIO
    }

    /// Every line as the item to store, or every problem (and exit status 1).
    func prepare(
        _ bytes: [UInt8],
        origin: String,
        definition: TableDefinition,
        shape: MockTableShape?
    ) throws -> [JSONObject] {
        let isMockTable = MockTables.hasMockLayout(definition)
        let shape = shape ?? MockTableShape(table: table)
        var items: [JSONObject] = []
        var problems: [SeedProblem] = []
        var firstLine: [ItemKey: Int] = [:]
        for (number, line) in JSONLines.split(bytes) {
            let place = "\(origin):\(number)"
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                problems.append(SeedProblem("\(place):\(error.column)", "invalid JSON: \(error.message)"))
                continue
            }
            guard var item = value.objectValue else {
                problems.append(SeedProblem(place, "a line must be a JSON object (one item)"))
                continue
            }
            do {
                if isMockTable { item = try shape.storedItem(item) }
                let rules = ItemRules(definition)
                let key = try rules.key(of: item)
                _ = try rules.encode(item)
                if let first = firstLine[key] {
                    problems.append(SeedProblem(place, "this item has the key of the item on line \(first)"))
                    continue
                }
                firstLine[key] = number
                items.append(item)
            } catch let error as MockItemError {
                problems.append(SeedProblem(place, error.message))
            } catch let error as TableStoreError {
                problems.append(SeedProblem(place, error.message))
            }
        }
        if !problems.isEmpty {
            for problem in problems { StandardError.write("\(problem)\n") }
            StandardError.write(
                "error: nothing was loaded: \(problems.count) bad line\(problems.count == 1 ? "" : "s") in '\(origin)'\n"
            )
            throw ExitStatus.problemsFound
        }
        return items
    }
}
