import ArgumentParser
import GatehouseRuntime
import GatehouseServe

/// `gatehouse keys enable NAME`: turns a revoked key back on.
struct KeysEnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable a revoked API key again.")

    @Argument(help: "The key's name.")
    var name: String

    @OptionGroup var storeOptions: KeyStoreOptions

    func run() async throws {
        try await Self.setEnabled(true, name: name, store: storeOptions)
        print("enabled key '\(name)'")
    }

    static func setEnabled(_ enabled: Bool, name: String, store: KeyStoreOptions) async throws {
        do {
            try await APIKeyStore(store: try await store.open()).setEnabled(enabled, name: name)
        } catch let error as APIKeyStoreError {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.problemsFound
        }
    }
}
