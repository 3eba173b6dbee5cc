import ArgumentParser
import GatehouseRuntime
import GatehouseServe
import TodoServer

/// `swift run TodoServerExample [--spec FILE] [gateway options]`: the gateway `gatehouse serve` runs, with the
/// operations of `TodoService` answered in Swift. It takes every option of `gatehouse serve` (and their `GATEHOUSE_*`
/// variables) and reads the same store, keys and plans.
@main
struct TodoServerExample: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "TodoServerExample",
        abstract: "Serve specs/todo.yaml with getCurrentUser and getList implemented in Swift, the rest mocked.",
        discussion: """
            The gateway of 'gatehouse serve', with its options, store, keys and usage plans. Every gateway option \
            also reads an environment variable: GATEHOUSE_ and its name in capitals (--max-body-size: \
            GATEHOUSE_MAX_BODY_SIZE); a flag given wins.
            """
    )

    @Option(help: "The OpenAPI document to serve.")
    var spec = "specs/todo.yaml"

    @OptionGroup
    var gateway: GatewayOptions

    func run() async throws {
        try await Gateway.serve(specPath: spec, handlers: TodoService().makeHandlers(), options: gateway)
    }
}
