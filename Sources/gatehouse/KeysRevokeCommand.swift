import ArgumentParser
import GatehouseRuntime

/// `gatehouse keys revoke NAME`: the key is refused from the next lookup on (within a second on a running server).
struct KeysRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an API key: a running server refuses it within a second ('keys enable' undoes it).")

    @Argument(help: "The key's name.")
    var name: String

    @OptionGroup var storeOptions: KeyStoreOptions

    func run() async throws {
        try await KeysEnableCommand.setEnabled(false, name: name, store: storeOptions)
        print("revoked key '\(name)'")
    }
}
