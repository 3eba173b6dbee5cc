import ArgumentParser
import Foundation
import GatehouseServe
import GatehouseStore

/// `gatehouse keys`: issue, list, revoke and enable API keys, and report their usage.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the API keys 'gatehouse serve' accepts, and report their usage.",
        discussion: """
            Keys live in the store (the same --store as 'gatehouse serve'), which keeps only their SHA-256 with a \
            name, a usage plan, a creation time and whether they are enabled. A running server sees a new, revoked \
            or enabled key within a second.
            """,
        subcommands: [
            KeysCreateCommand.self, KeysListCommand.self, KeysRevokeCommand.self, KeysEnableCommand.self,
            KeysUsageCommand.self,
        ]
    )
}

/// The `--store` option of the key commands, the same as `gatehouse serve`'s.
struct KeyStoreOptions: ParsableArguments {
    @Option(help: StoreLocation.help)
    var store: String?

    func validate() throws {
        _ = try StoreLocation.resolve(store)
    }

    /// The store, or exit 64 with a message when it cannot be opened.
    func open() async throws -> any TableStore {
        try await StoreLocation.resolve(store).openOrExit()
    }
}

/// Output formats of the key reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
}

/// Renders rows as left-aligned columns under a header, two spaces apart.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV: fields with a comma, quote or line break are quoted.
    static func csv(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
