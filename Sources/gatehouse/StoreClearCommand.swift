import ArgumentParser
import GatehouseRuntime
import GatehouseStore

/// `gatehouse store clear TABLE`: removes every item, keeping the table.
struct StoreClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Remove every item of a table; the table and its key stay.",
        discussion: """
            For a mock table, its integer id sequence and its record of seed items go too, so ids start again at \
            1 and the next 'serve' writes the seed items again.
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table to clear.")
    var table: String

    func run() async throws {
        let store = try await options.open()
        let definition = try await options.existingTable(table, in: store)
        var count = 0
        try await StoreOptions.forEachItem(of: table, in: store) { count += $0.count }
        try await StoreOptions.run {
            try await store.deleteTable(table)
            try await store.createTable(definition)
            if MockTables.hasMockLayout(definition) {
                try await MockTables.forgetState(of: table, in: store)
            }
        }
        print("cleared '\(table)': \(count) item\(count == 1 ? "" : "s") removed")
    }
}
