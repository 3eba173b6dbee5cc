import GatehouseStore
import Synchronization

/// Calls that arrive while earlier ones are running, sent to the database together: one statement and one round trip
/// for many point reads or creates, as group commit does for writes.
///
/// Every call queues. A call that finds fewer than `maximumInFlight` sessions running starts one: a task that runs
/// `session` (the store leases a connection there) and takes the queued calls in batches of up to `maximumBatch`, one
/// batch after another on that connection, for as long as calls keep queuing, up to `sessionLimit`. When the queue is
/// empty the session ends and its slot is free. There is no timer and no waiting while the store keeps up: a lone call
/// starts a session that runs it alone, and under load the calls that arrive during one round trip share the next,
/// without a lease, a task or the pool's timers per batch.
///
/// Every caller passes the same `session` (the batcher belongs to one kind of statement); the one of the call that
/// starts a session is used. A batch that fails fails each of its calls with the same error; a session that fails
/// before it takes a batch (no connection) fails the next batch.
final class StatementBatcher<Input: Sendable, Output: Sendable>: Sendable {
    /// A session's view of the queue: the batches it runs, one at a time, and what each gave.
    final class Session: Sendable {
        private let batcher: StatementBatcher
        private let started = ContinuousClock.now
        /// The session's own task, which a watchdog may cancel while the session waits for its connection.
        let task = SessionTask()
        /// The batch taken and not yet answered, the batches taken so far, and whether the session gave its slot back.
        private let state = Mutex<(current: [Waiter], batches: Int, freed: Bool)>(([], 0, false))

        fileprivate init(_ batcher: StatementBatcher) {
            self.batcher = batcher
        }

        /// When the oldest call queued now arrived (a session's connection wait counts from there); nil when none is.
        var oldestQueued: ContinuousClock.Instant? {
            // The queue is in the order of arrival.
            batcher.state.withLock { state in state.head < state.queue.count ? state.queue[state.head].arrived : nil }
        }

        /// The next batch's inputs, in the order the calls arrived; nil when the session should end: no call is
        /// queued (its slot is then free) or it has run for `sessionLimit` (after one batch at least). Answer each batch
        /// with `deliver`.
        func next() -> [Input]? {
            let overdue = ContinuousClock.now - started >= batcher.sessionLimit
            return state.withLock { session in
                precondition(session.current.isEmpty, "a batch must be answered before the next is taken")
                let taken = batcher.state.withLock { state -> [Waiter] in
                    if state.queue.count == state.head {
                        state.sessions -= 1
                        session.freed = true
                        return []
                    }
                    guard !overdue || session.batches == 0 else { return [] }
                    let taken = state.take(batcher.maximumBatch)
                    state.statistics.calls += taken.count
                    state.statistics.batches += 1
                    return taken
                }
                guard !taken.isEmpty else { return nil }
                session.current = taken
                session.batches += 1
                return taken.map(\.input)
            }
        }

        /// Answers the batch `next` gave: one output per input, in order, or an error for each of its calls.
        func deliver(_ result: Result<[Output], any Error>) {
            let waiters = state.withLock { session in
                defer { session.current = [] }
                return session.current
            }
            precondition(!waiters.isEmpty, "no batch was taken")
            switch result {
            case .success(let outputs):
                precondition(outputs.count == waiters.count, "a batch must give one output per input")
                for (waiter, output) in zip(waiters, outputs) { waiter.wake(.success(output)) }
            case .failure(let error):
                for waiter in waiters { waiter.wake(.failure(error)) }
            }
        }

        /// The session cannot go on: the batch in hand fails with `error`, or with none in hand, the next one does
        /// (the calls the session was started for), unless the session has already given its slot back.
        func fail(_ error: any Error) {
            let (inHand, freed) = state.withLock { (!$0.current.isEmpty, $0.freed) }
            if !inHand {
                guard !freed else { return }
                let taken = batcher.state.withLock { state -> [Waiter] in
                    let taken = state.take(batcher.maximumBatch)
                    if !taken.isEmpty {
                        state.statistics.calls += taken.count
                        state.statistics.batches += 1
                    }
                    return taken
                }
                guard !taken.isEmpty else { return }
                state.withLock { $0.current = taken }
            }
            deliver(.failure(error))
        }

        /// After the session's body: calls still queued get a new session, or the slot is free.
        fileprivate func end(_ run: @escaping @Sendable (Session) async -> Void) {
            let (freed, inHand) = state.withLock { ($0.freed, !$0.current.isEmpty) }
            if inHand { fail(SessionEnded()) }
            guard !freed else { return }
            let again = batcher.state.withLock { state in
                if state.queue.count > state.head { return true }
                state.sessions -= 1
                return false
            }
            if again { batcher.start(run) }
        }
    }

    /// What a call gets.
    typealias Answer = Result<Output, any Error>

    /// A session's body returned with a batch it had not answered.
    struct SessionEnded: Error {}

    fileprivate struct Waiter: Sendable {
        var input: Input
        var continuation: CheckedContinuation<Answer, Never>
        var arrived: ContinuousClock.Instant
        /// Where the call came from: it is woken there, so the callers a batch served carry on on their own event
        /// loops, not all on the one the batch's answer came on (`CallerLoop`).
        var caller: CallerLoop?

        func wake(_ result: Answer) {
            guard let caller else { return continuation.resume(returning: result) }
            let continuation = self.continuation
            caller.run { continuation.resume(returning: result) }
        }
    }

    private struct State: ~Copyable {
        var queue: [Waiter] = []
        /// The first waiter of `queue` not yet taken.
        var head = 0
        /// Sessions running.
        var sessions = 0
        var statistics = BatchStatistics()

        mutating func take(_ count: Int) -> [Waiter] {
            let end = min(queue.count, head + count)
            let taken = Array(queue[head..<end])
            head = end
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1_024 {
                // A queue that never empties under steady load drops what it has handed out.
                queue.removeFirst(head)
                head = 0
            }
            return taken
        }
    }

    private let state = Mutex(State())
    let maximumInFlight: Int
    let maximumBatch: Int
    /// How long a session takes batches before it ends and, with calls still queued, another starts (and leases
    /// again), so no session holds its connection for ever under steady load.
    let sessionLimit: Duration

    /// The calls, batches and sessions so far.
    var statistics: BatchStatistics {
        state.withLock { $0.statistics }
    }

    /// Calls waiting for a batch.
    var queued: Int {
        state.withLock { $0.queue.count - $0.head }
    }

    init(maximumInFlight: Int, maximumBatch: Int, sessionLimit: Duration = .seconds(1)) {
        precondition(maximumInFlight > 0 && maximumBatch > 0)
        self.maximumInFlight = maximumInFlight
        self.maximumBatch = maximumBatch
        self.sessionLimit = sessionLimit
    }

    /// The output of `input`, computed together with the inputs of other calls by a session: `session` runs the
    /// batches that `Session.next` gives, one after another, and answers each with `Session.deliver`.
    func submit(_ input: Input, session run: @escaping @Sendable (Session) async -> Void) async throws -> Output {
        let arrived = ContinuousClock.now
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Answer, Never>) in
            let starts = state.withLock { state in
                state.queue.append(
                    Waiter(input: input, continuation: continuation, arrived: arrived, caller: .current))
                guard state.sessions < maximumInFlight else { return false }
                state.sessions += 1
                return true
            }
            if starts { start(run) }
        }
        return try result.get()
    }

    /// Runs a session in a task of its own (the slot is already counted).
    private func start(_ run: @escaping @Sendable (Session) async -> Void) {
        let session = Session(self)
        state.withLock { $0.statistics.sessions += 1 }
        session.task.set(
            Task {
                await run(session)
                session.end(run)
            })
    }
}

/// A session's task, cancellable from the moment the session exists: a cancel that comes before the task is known
/// cancels it as soon as it is.
final class SessionTask: CancellableOperation {
    private let state = Mutex<(task: Task<Void, Never>?, cancelled: Bool)>((nil, false))

    fileprivate func set(_ task: Task<Void, Never>) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

/// How many calls came to a `StatementBatcher` (or several), how many batches served them, and how many sessions
/// (connection leases) ran those batches.
struct BatchStatistics: Sendable, Equatable {
    var calls = 0
    var batches = 0
    var sessions = 0

    static func + (left: BatchStatistics, right: BatchStatistics) -> BatchStatistics {
        BatchStatistics(
            calls: left.calls + right.calls, batches: left.batches + right.batches,
            sessions: left.sessions + right.sessions)
    }
}
