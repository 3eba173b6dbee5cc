import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// The store's connections as one pool per event loop (`PostgresClient` on that loop alone), the store's connection
/// limit shared between them. An operation takes a connection of the pool of the loop it runs on, so its query is
/// written, answered and resumed on that one thread; with one pool over every loop, a request hopped to the
/// connection's loop and back (two thread wake-ups per statement, on top of the database's own).
///
/// An operation off the event loops (a command-line tool, a test) takes the pools in turn. An operation on a loop
/// waits for its own pool's connections even when another pool has one idle: with the gateway's connections spread
/// evenly over its loops, the pools are as busy as each other.
final class EventLoopPools: Sendable {
    private let pools: [(loop: any EventLoop, client: PostgresClient)]
    private let turn = Atomic<UInt>(0)

    /// Pools on the loops of `group`, at most `maximumConnections` connections in all: one pool per loop while
    /// each can have a connection, fewer pools when the limit is below the number of loops.
    init(
        configuration: PostgresClient.Configuration, maximumConnections: Int, group: any EventLoopGroup,
        logger: Logger
    ) {
        let loops = Array(group.makeIterator())
        let count = max(1, min(loops.count, maximumConnections))
        pools = (0..<count).map { index in
            var options = configuration
            // The limit split so the pools never open more than `maximumConnections` together.
            options.options.maximumConnections =
                maximumConnections / count + (index < maximumConnections % count ? 1 : 0)
            return (
                loops[index],
                PostgresClient(configuration: options, eventLoopGroup: loops[index], backgroundLogger: logger)
            )
        }
    }

    /// The pool of the current event loop, else the next in turn.
    var client: PostgresClient {
        for pool in pools where pool.loop.inEventLoop { return pool.client }
        return pools[Int(turn.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(pools.count))].client
    }

    /// Runs every pool until the task is cancelled (`PostgresClient.run`).
    func run() async {
        await withDiscardingTaskGroup { group in
            for pool in pools {
                group.addTask { await pool.client.run() }
            }
        }
    }
}
