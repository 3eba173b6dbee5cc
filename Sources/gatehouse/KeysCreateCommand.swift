import ArgumentParser
import Foundation
import GatehouseRuntime
import GatehouseServe

/// `gatehouse keys create --name NAME --plan PLAN`: issues a key and prints it, once.
struct KeysCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Issue a new API key and print it (only this once: the store keeps its hash).",
        discussion: """
            The key (256 random bits) is the only thing written to standard output, so that \
            KEY=$(gatehouse keys create --name app --plan free) works. Send it in the header, query parameter or \
            cookie that the contract's apiKey scheme names (X-API-Key in specs/todo.yaml).
            """
    )

    @Option(help: "A unique name for the key: 1 to 64 letters, digits, '.', '_' or '-'.")
    var name: String

    @Option(help: "The usage plan that meters the key (default: the plans' default).")
    var plan: String?

    @OptionGroup var storeOptions: KeyStoreOptions

    func run() async throws {
        let keys = APIKeyStore(store: try await storeOptions.open())
        do {
            let (key, secret) = try await keys.create(name: name, plan: plan)
            print(secret)
            let plan = key.plan.map { "plan '\($0)'" } ?? "the default plan"
            StandardError.write(
                "created key '\(key.name)' on \(plan); it is shown only now, so store it in a safe place\n")
        } catch let error as APIKeyStoreError {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.problemsFound
        }
    }
}
