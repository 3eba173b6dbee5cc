import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// The store's connections and batchers as one lane per event loop of NIO's singleton group: a `PostgresClient` on
/// that loop alone (the store's connection limit shared between the lanes) and the batchers of the calls made from
/// that loop. A call made on a loop takes its loop's lane, so its statement is written, answered, and its callers
/// resumed on the one thread its request runs on; with one pool over every loop, a batch's answer came on its
/// connection's loop and each of its callers hopped back to its own.
///
/// A call off the singleton loops (a command-line tool, a test) takes the lanes in turn.
final class EventLoopLanes: Sendable {
    struct Lane: Sendable {
        let loop: any EventLoop
        let client: PostgresClient
        let reads: StatementBatcher<PostgresStatements.ItemAddress, PostgresStatements.StoredRow?>
        let creates: StatementBatcher<PostgresTableStore.PendingInsert, PostgresTableStore.InsertOutcome>
        let guardedCreates: StatementBatcher<PostgresTableStore.GuardedInsert, PostgresTableStore.InsertOutcome>
    }

    let lanes: [Lane]
    private let turn = Atomic<UInt>(0)

    /// Lanes on the singleton group's loops, at most `maximumConnections` connections in all: one lane per loop
    /// while each can have a connection, fewer lanes when the limit is below the number of loops.
    init(
        configuration: PostgresClient.Configuration, maximumConnections: Int, batchesInFlight: Int,
        maximumBatch: Int, logger: Logger
    ) {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        let count = max(1, min(loops.count, maximumConnections))
        lanes = (0..<count).map { index in
            var options = configuration
            // The limit split so the lanes never open more than `maximumConnections` together.
            options.options.maximumConnections =
                maximumConnections / count + (index < maximumConnections % count ? 1 : 0)
            return Lane(
                loop: loops[index],
                client: PostgresClient(configuration: options, eventLoopGroup: loops[index], backgroundLogger: logger),
                reads: StatementBatcher(maximumInFlight: batchesInFlight, maximumBatch: maximumBatch),
                creates: StatementBatcher(maximumInFlight: batchesInFlight, maximumBatch: maximumBatch),
                guardedCreates: StatementBatcher(maximumInFlight: batchesInFlight, maximumBatch: maximumBatch)
            )
        }
    }

    /// The lane of the current event loop, else the next in turn.
    var current: Lane {
        for lane in lanes where lane.loop.inEventLoop { return lane }
        return lanes[Int(turn.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(lanes.count))]
    }

    /// The calls and batches so far of one kind of batcher, over every lane.
    func statistics<Input, Output>(_ batcher: KeyPath<Lane, StatementBatcher<Input, Output>>) -> BatchStatistics {
        lanes.reduce(BatchStatistics()) { $0 + $1[keyPath: batcher].statistics }
    }

    /// Runs every lane's pool until the task is cancelled (`PostgresClient.run`).
    func run() async {
        await withDiscardingTaskGroup { group in
            for lane in lanes {
                group.addTask { await lane.client.run() }
            }
        }
    }
}
