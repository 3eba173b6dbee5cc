import ArgumentParser
import GatehouseRuntime
import GatehouseServe

/// `gatehouse serve`: the contract's routes as a running API, with validation and mock responses.
///
/// Its options are `GatewayOptions`, which a Swift server on the generated stubs takes too; both start the gateway
/// through `GatewayLauncher`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve an OpenAPI document's routes: request validation and mock responses from its examples and schemas.",
        discussion: """
            Mock responses: the lowest declared 2XX status and the first media type that fits Accept; then a named \
            example chosen with 'Prefer: example=NAME', a status chosen with 'Prefer: code=404', a generated \
            instance with 'Prefer: dynamic=true'; else the first example, else an instance generated from the \
            schema. Errors are application/problem+json (RFC 9457). Every option also reads an environment \
            variable: GATEHOUSE_ and its name in capitals (--max-body-size: GATEHOUSE_MAX_BODY_SIZE); a flag \
            given wins. Stops gracefully on SIGINT or SIGTERM.

            With --upstream URL the gateway stands in front of a backend: requests are checked before it sees them, \
            its answers against the contract before the client does, and --record keeps every exchange for \
            'gatehouse validate --traffic'.
            """
    )

    @Argument(help: "The OpenAPI document to serve.")
    var spec: String

    @OptionGroup
    var gateway: GatewayOptions

    func run() async throws {
        try await GatewayLauncher.run(spec: spec, options: gateway, handlers: OperationHandlers())
    }
}
