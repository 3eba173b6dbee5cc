import ArgumentParser
import Foundation
import GatehouseRuntime

/// `gatehouse keys list`: every key with its plan and state, never a secret.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the API keys: name, plan, enabled or revoked, creation time.")

    @Option(help: "Output format: table, json or csv.")
    var format: ReportFormat = .table

    @OptionGroup var storeOptions: KeyStoreOptions

    func run() async throws {
        let keys = try await APIKeyStore(store: try await storeOptions.open()).list()
        let header = ["NAME", "PLAN", "STATUS", "CREATED"]
        let rows = keys.map { key in
            [key.name, key.plan ?? "-", key.enabled ? "enabled" : "revoked", key.createdAt.formatted(.iso8601)]
        }
        switch format {
        case .table:
            print(keys.isEmpty ? "no keys\n" : TextTable.render(header: header, rows: rows), terminator: "")
        case .csv:
            print(TextTable.csv(header: header.map { $0.lowercased() }, rows: rows), terminator: "")
        case .json:
            let objects = keys.map { key -> [String: Any] in
                var object: [String: Any] = [
                    "name": key.name, "enabled": key.enabled, "createdAt": key.createdAt.formatted(.iso8601),
                ]
                object["plan"] = key.plan ?? NSNull()
                return object
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
