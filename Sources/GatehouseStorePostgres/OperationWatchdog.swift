import NIOCore
import PostgresNIO
import Synchronization

/// Keeps the PostgreSQL store's two time limits for every operation in flight, with one timer for the store instead
/// of a timer task per operation (which cost as much as the rest of the store's work in a point read):
///
/// - an operation still waiting for a connection after `connectionWait` expires: its task is cancelled, so the
///   pool's lease request ends, and the operation never runs;
/// - an operation still running after `operationTimeout` (counted from its start) is abandoned: its connection is
///   closed, so a query stuck on a connection the server dropped fails at once and frees its slot.
///
/// It looks every `tick`, so a limit holds to within that much.
final class OperationWatchdog: Sendable {
    static let tick: Duration = .milliseconds(100)

    private struct Watched {
        let race: PostgresTableStore.LeaseRace
        let task: any CancellableOperation
        var started: ContinuousClock.Instant
        var expired = false
    }

    private let connectionWait: Duration
    private let operationTimeout: Duration
    private let state = Mutex<(next: Int, watched: [Int: Watched])>((0, [:]))
    private let timer = Mutex<Task<Void, Never>?>(nil)

    init(connectionWait: Duration, operationTimeout: Duration) {
        self.connectionWait = connectionWait
        self.operationTimeout = operationTimeout
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.tick)
                guard let self else { return }
                self.check(now: .now)
            }
        }
        timer.withLock { $0 = task }
    }

    /// Watches the operation whose phases `race` records, running as `task`, its limits counted from `started`;
    /// returns the ticket to `forget` it by.
    func watch(
        _ race: PostgresTableStore.LeaseRace,
        cancelling task: any CancellableOperation,
        started: ContinuousClock.Instant = .now
    ) -> Int {
        let watched = Watched(race: race, task: task, started: started)
        return state.withLock { state in
            let ticket = state.next
            state.next &+= 1
            state.watched[ticket] = watched
            return ticket
        }
    }

    /// The operation's running time counts from `now` (a session of batches on one connection starts its next).
    func restart(_ ticket: Int, at now: ContinuousClock.Instant) {
        state.withLock { $0.watched[ticket]?.started = now }
    }

    /// The operation ended: it is no longer watched.
    func forget(_ ticket: Int) {
        _ = state.withLock { $0.watched.removeValue(forKey: ticket) }
    }

    /// Stops the timer; operations still in flight are no longer limited.
    func stop() {
        timer.withLock { $0?.cancel() }
    }

    /// Expires the operations waiting too long for a connection and abandons those running too long.
    func check(now: ContinuousClock.Instant) {
        var cancel: [any CancellableOperation] = []
        var close: [PostgresConnection] = []
        state.withLock { state in
            for (ticket, watched) in state.watched {
                let elapsed = now - watched.started
                if !watched.expired, elapsed >= connectionWait, watched.race.expire() {
                    state.watched[ticket]?.expired = true
                    cancel.append(watched.task)
                } else if elapsed >= operationTimeout, let stuck = watched.race.abandon() {
                    close.append(stuck)
                }
            }
        }
        for task in cancel { task.cancel() }
        // The future-returning close: it closes the channel at once and is not awaited.
        for connection in close { let _: EventLoopFuture<Void> = connection.close() }
    }
}

/// A task the watchdog can cancel, whatever its result type.
protocol CancellableOperation: Sendable {
    func cancel()
}

extension Task: CancellableOperation {}
