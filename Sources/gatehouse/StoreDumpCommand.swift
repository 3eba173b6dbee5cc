import ArgumentParser
import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore

/// `gatehouse store dump TABLE`: every item as JSON lines, in key order.
struct StoreDumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print every item of a table as JSON lines, in key order.",
        discussion: """
            One compact JSON object per line, ordered by partition key, then sort key, so two dumps of the same \
            data are identical. Items of mock tables carry their key attributes '_partition' and '_id'; \
            'gatehouse store load' takes such lines back as they are.
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The table to dump.")
    var table: String

    func run() async throws {
        let store = try await options.open()
        _ = try await options.existingTable(table, in: store)
        try await StoreOptions.forEachItem(of: table, in: store) { items in
            var text = ""
            for item in items {
                JSONWriter.write(.object(item), to: &text, pretty: false)
                text += "\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
