import NIOCore
import NIOPosix

/// Where a gateway process runs its Swift concurrency jobs: on the server's own event loops (NIO's singleton group,
/// one loop per core, which Hummingbird, the backend client and the PostgreSQL client use too), so a request's
/// handler runs on the thread that read the request and writes its answer, without a hop to the cooperative pool and
/// back for each request (two in front of a backend); bench/README.md has what it gained.
///
/// Blocking work must then stay off the event loops, as it must stay off the cooperative pool anyway: the SQLite
/// store's only waits are on its own writer thread.
public enum GatewayExecutor {
    private static let installed =
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

    /// Makes the event loops the global executor: call it first thing in `main`, before any task is enqueued. Later
    /// calls do nothing. False when the platform does not allow it; the default executor is kept then.
    @discardableResult
    public static func runOnEventLoops() -> Bool {
        installed
    }
}
