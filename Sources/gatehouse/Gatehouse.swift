import ArgumentParser
import GatehouseServe

@main
struct Gatehouse: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "gatehouse",
        abstract: "A contract-first API toolchain: check, diff, generate, serve and validate OpenAPI documents.",
        discussion: """
            Exit status: 0 when every document is clean, 1 when errors were found (or warnings, with --strict), \
            64 for a usage error or a file that cannot be read.
            """,
        version: version,
        subcommands: [
            CheckCommand.self, DiffCommand.self, GenerateCommand.self, ValidateCommand.self, ServeCommand.self,
            StoreCommand.self,
            KeysCommand.self,
        ]
    )

    /// `gatehouse serve` from a store runs Swift concurrency's jobs on the server's event loops (`GatewayExecutor`);
    /// that must be set before any task is enqueued, so here, first thing. The other commands keep the default.
    static func main() async {
        if GatewayExecutor.servesFromStore(arguments: CommandLine.arguments) {
            GatewayExecutor.runOnEventLoops()
        }
        await main(nil)
    }
}
