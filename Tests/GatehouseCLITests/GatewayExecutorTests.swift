import GatehouseServe
import Testing

/// Which processes run Swift concurrency on the event loops: `serve` from a store (stored mocks, `--upstream`), decided
/// from the raw command line before any task starts. Every `ServedGatehouse` test runs such a process end to end.
struct GatewayExecutorTests {
    @Test(arguments: [
        ["gatehouse", "serve", "specs/todo.yaml"],
        ["gatehouse", "serve", "specs/todo.yaml", "--store", "memory", "--port", "0"],
        ["gatehouse", "serve", "specs/petstore.yaml", "--upstream", "http://127.0.0.1:9"],
        // After `--` every argument is a spec path, not a flag.
        ["gatehouse", "serve", "--", "--stateless"],
    ])
    func servingFromAStoreRunsOnTheEventLoops(arguments: [String]) {
        #expect(GatewayExecutor.servesFromStore(arguments: arguments))
    }

    @Test(arguments: [
        ["gatehouse", "serve", "specs/todo.yaml", "--stateless"],
        ["gatehouse", "serve", "--stateless", "specs/todo.yaml"],
        ["gatehouse", "check", "specs/todo.yaml"],
        ["gatehouse", "store", "tables"],
        ["gatehouse", "validate", "specs/todo.yaml", "--traffic", "record.log"],
        // `serve` must be the command, not an argument of another one.
        ["gatehouse", "check", "serve"],
        ["gatehouse"],
    ])
    func everythingElseKeepsTheDefaultExecutor(arguments: [String]) {
        #expect(!GatewayExecutor.servesFromStore(arguments: arguments))
    }
}
