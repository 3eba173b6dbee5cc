import ArgumentParser
import Foundation
import GatehouseStore

/// `gatehouse store tables`: every table with its key and item count.
struct StoreTablesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tables",
        abstract: "List the tables of the store: name, key attributes and item count.",
        discussion: """
            Tables whose names start with '_gatehouse_' hold the mocks' own state (id sequences, which seed items \
            were written).
            """
    )

    @OptionGroup var options: StoreOptions

    func run() async throws {
        let store = try await options.open()
        let tables = try await StoreOptions.run { try await store.listTables() }
        var rows = [["TABLE", "PARTITION KEY", "SORT KEY", "ITEMS"]]
        for table in tables {
            var count = 0
            try await StoreOptions.forEachItem(of: table.name, in: store) { count += $0.count }
            rows.append([
                table.name,
                "\(table.partitionKey.name) (\(table.partitionKey.type.rawValue))",
                table.sortKey.map { "\($0.name) (\($0.type.rawValue))" } ?? "-",
                String(count),
            ])
        }
        if tables.isEmpty {
            print("no tables in '\((try? options.location)?.description ?? "the store")'")
            return
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            print((padded + [row[3]]).joined(separator: "  "))
        }
    }
}
