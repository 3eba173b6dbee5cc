import NIOCore
import NIOPosix

/// Where a `gatehouse serve` process runs its Swift concurrency jobs.
///
/// Serving from a store (stored mocks, the default, and `--upstream`), the jobs run on the server's own event loops
/// (NIO's singleton group, one loop per core, which Hummingbird, the backend client and the PostgreSQL client use
/// too): a request's handler runs on the thread that read the request and writes its answer, without a hand-off to
/// the cooperative pool and back. Measured in the same go (bench/README.md, issue 14's fifth round), that took a
/// SQLite GET from 81–103 to 71 µs of the server's CPU. With `--stateless` the default executor stays: there the
/// event loops cost a validated GET about 6 µs more (39 → 45 µs), and its POSTs lost throughput too.
///
/// Blocking work must stay off the event loops, as it must stay off the cooperative pool anyway: the SQLite store's
/// reads never wait (WAL), its writes wait only on the writer's own thread, and `--record` writes on a dispatch queue
/// of its own.
public enum GatewayExecutor {
    private static let installed =
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

    /// Whether a process started with `arguments` (the program's name first) serves from a store: the `serve`
    /// command without `--stateless`, and without `GATEHOUSE_STATELESS` turning it on (a variable that does not
    /// read as a flag is left to `serve` to refuse, with the default executor).
    public static func servesFromStore(arguments: [String]) -> Bool {
        let command = arguments.dropFirst()
        guard command.first == "serve" else { return false }
        let options = command.prefix { $0 != "--" }
        if options.contains("--stateless") { return false }
        return (try? GatewayEnvironment.flag("stateless")) == false
    }

    /// Makes the event loops Swift concurrency's global executor: call it first thing in `main`, before any task is
    /// enqueued. Later calls do nothing. False when the platform does not allow it; the default executor is kept then.
    @discardableResult
    public static func runOnEventLoops() -> Bool {
        installed
    }
}
