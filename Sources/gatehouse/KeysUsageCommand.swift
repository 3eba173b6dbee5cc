import ArgumentParser
import Foundation
import GatehouseRuntime

/// `gatehouse keys usage`: accepted requests per key and UTC day.
struct KeysUsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Report accepted requests per key and UTC day.",
        discussion: "Requests refused by a throttle or a used-up quota are not counted.")

    @Option(help: "Only this key (by name).")
    var key: String?

    @Option(help: "First UTC day, YYYY-MM-DD (inclusive).")
    var from: String?

    @Option(help: "Last UTC day, YYYY-MM-DD (inclusive).")
    var to: String?

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    @OptionGroup var storeOptions: KeyStoreOptions

    func validate() throws {
        for (flag, day) in [("--from", from), ("--to", to)] {
            guard let day else { continue }
            guard Self.isDay(day) else { throw ValidationError("\(flag) '\(day)' is not a day; expected YYYY-MM-DD") }
        }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
    }

    static func isDay(_ text: String) -> Bool {
        guard text.utf8.count == 10, let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) else { return false }
        return date.formatted(.iso8601.year().month().day()) == text
    }

    func run() async throws {
        let rows = try await UsageCounters(store: try await storeOptions.open())
            .days(keys: key.map { [$0] } ?? [], from: from, to: to)
        let header = ["KEY", "DAY", "REQUESTS"]
        let cells = rows.map { [$0.key, $0.day, String($0.requests)] }
        switch format {
        case .table:
            print(rows.isEmpty ? "no requests\n" : TextTable.render(header: header, rows: cells), terminator: "")
        case .csv:
            print(TextTable.csv(header: header.map { $0.lowercased() }, rows: cells), terminator: "")
        case .json:
            let objects = rows.map { ["key": $0.key, "day": $0.day, "requests": $0.requests] as [String: Any] }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
