import GatehouseStore
import Synchronization

/// Calls that arrive while earlier ones are running, sent to the database together: one statement and one round trip
/// for many point reads or creates, as group commit does for writes.
///
/// There is no timer and no waiting while the store keeps up. A call that finds fewer than `maximumInFlight` batches
/// running leads one at once, taking every call queued behind it (up to `maximumBatch`). A call that finds them all
/// running queues; when a batch ends, its leader hands the lead to the first call still queued, which runs the next
/// batch with whatever queued meanwhile. So a lone call runs alone, as it would without the batcher, and under load
/// the calls that arrive during one round trip share the next.
///
/// Every caller passes the same `run` (the batcher belongs to one kind of statement); the leader's is the one used.
/// A batch that fails fails each of its calls with the same error.
final class StatementBatcher<Input: Sendable, Output: Sendable>: Sendable {
    /// How a queued call is woken: with its output, or to lead the next batch.
    private enum Wake: Sendable {
        case done(Result<Output, any Error>)
        case lead
    }

    private struct Waiter {
        var input: Input
        var continuation: CheckedContinuation<Wake, Never>
        var arrived: ContinuousClock.Instant
        /// Where the call came from: it is woken there, so the callers a batch served carry on on their own event
        /// loops, not all on the one the batch's answer came on (`CallerLoop`).
        var caller: CallerLoop?

        func wake(_ wake: Wake) {
            guard let caller else { return continuation.resume(returning: wake) }
            let continuation = self.continuation
            caller.run { continuation.resume(returning: wake) }
        }
    }

    private struct State: ~Copyable {
        var queue: [Waiter] = []
        /// The first waiter of `queue` not yet taken.
        var head = 0
        /// Batches running (each has a leader).
        var leading = 0
        var statistics = BatchStatistics()

        mutating func popFirst() -> Waiter? {
            take(1).first
        }

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

    /// The calls and batches so far.
    var statistics: BatchStatistics {
        state.withLock { $0.statistics }
    }

    /// Calls waiting for a batch.
    var queued: Int {
        state.withLock { $0.queue.count - $0.head }
    }

    init(maximumInFlight: Int, maximumBatch: Int) {
        precondition(maximumInFlight > 0 && maximumBatch > 0)
        self.maximumInFlight = maximumInFlight
        self.maximumBatch = maximumBatch
    }

    /// The output of `input`, computed by `run` together with the inputs of other calls; `run` returns one output
    /// per input, in order, and is given when the batch's oldest call arrived (so a time limit per call can count
    /// from there, whatever it waited in the queue).
    func submit(_ input: Input, run: ([Input], ContinuousClock.Instant) async throws -> [Output]) async throws
        -> Output
    {
        let arrived = ContinuousClock.now
        let leads = state.withLock { state in
            guard state.leading < maximumInFlight else { return false }
            state.leading += 1
            return true
        }
        if !leads {
            let wake = await withCheckedContinuation { (continuation: CheckedContinuation<Wake, Never>) in
                let leadsNow = state.withLock { state in
                    // A batch may have ended between the two looks.
                    if state.leading < maximumInFlight {
                        state.leading += 1
                        return true
                    }
                    state.queue.append(
                        Waiter(input: input, continuation: continuation, arrived: arrived, caller: .current))
                    return false
                }
                if leadsNow { continuation.resume(returning: .lead) }
            }
            if case .done(let result) = wake { return try result.get() }
        }
        return try await lead(input, arrived: arrived, run: run)
    }

    /// Runs one batch: `input` and the calls queued behind it.
    private func lead(
        _ input: Input,
        arrived: ContinuousClock.Instant,
        run: ([Input], ContinuousClock.Instant) async throws -> [Output]
    ) async throws -> Output {
        let followers = state.withLock { state in
            let followers = state.take(maximumBatch - 1)
            state.statistics.calls += followers.count + 1
            state.statistics.batches += 1
            return followers
        }
        var inputs = [input]
        inputs.reserveCapacity(followers.count + 1)
        var oldest = arrived
        for follower in followers {
            inputs.append(follower.input)
            oldest = min(oldest, follower.arrived)
        }
        let result: Result<[Output], any Error>
        do {
            let outputs = try await run(inputs, oldest)
            precondition(outputs.count == inputs.count, "a batch must give one output per input")
            result = .success(outputs)
        } catch {
            result = .failure(error)
        }
        // The lead passes to the first call still queued; with none, this batch's slot is free.
        let next = state.withLock { state -> Waiter? in
            if let waiter = state.popFirst() { return waiter }
            state.leading -= 1
            return nil
        }
        next?.wake(.lead)
        switch result {
        case .success(let outputs):
            for (index, follower) in followers.enumerated() {
                follower.wake(.done(.success(outputs[index + 1])))
            }
            return outputs[0]
        case .failure(let error):
            for follower in followers { follower.wake(.done(.failure(error))) }
            throw error
        }
    }
}

/// How many calls came to a `StatementBatcher` (or several) and how many batches served them.
struct BatchStatistics: Sendable, Equatable {
    var calls = 0
    var batches = 0

    static func + (left: BatchStatistics, right: BatchStatistics) -> BatchStatistics {
        BatchStatistics(calls: left.calls + right.calls, batches: left.batches + right.batches)
    }
}
