import ArgumentParser
import NIOCore
import NIOPosix

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

    /// `gatehouse serve` runs Swift concurrency's jobs on the server's own event loops (NIO's singleton group, one
    /// loop per core), so a request's handler runs on the thread that read it and wrote its answer, without a hop to
    /// the cooperative pool and back for every request (or two, in front of a backend). It must be installed before
    /// any task is enqueued, so here, first thing; the other commands keep the default executor.
    static func main() async {
        if CommandLine.arguments.dropFirst().first == ServeCommand.configuration.commandName {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await main(nil)
    }
}
