import Foundation
import Synchronization
import Testing

@testable import GatehouseStorePostgres

/// An async gate: `wait` suspends until `open`; nothing blocks a thread.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The batches `run` was called with, in order.
private final class Runs: Sendable {
    private let batches = Mutex<[[Int]]>([])
    func record(_ batch: [Int]) { batches.withLock { $0.append(batch) } }
    var all: [[Int]] { batches.withLock { $0 } }
}

private struct Refused: Error, Equatable {
    var batch: [Int]
}

/// Waits (bounded: it only catches a hang; the whole suite at once on two cores can hold these tasks back for most
/// of a minute) until `condition` holds.
private func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(300)
    while !condition() {
        guard Date() < deadline else { throw CancellationError() }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// Waits (bounded) until `count` calls are queued behind the running batches.
private func waitUntilQueued(_ batcher: StatementBatcher<Int, Int>, _ count: Int) async throws {
    try await waitUntil { batcher.queued >= count }
}

/// No session ends for its time in these tests (a held batch on a loaded machine can outlast the default second).
private let noLimit = Duration.seconds(3_600)

/// A session as the store runs one: the batches it takes, one after another through `run`; a batch that fails fails
/// its calls and ends the session.
private func drain(
    _ run: @escaping @Sendable ([Int]) async throws -> [Int]
) -> @Sendable (StatementBatcher<Int, Int>.Session) async -> Void {
    { session in
        while let inputs = session.next() {
            do {
                session.deliver(.success(try await run(inputs)))
            } catch {
                session.deliver(.failure(error))
                return
            }
        }
    }
}

struct StatementBatcherTests {
    @Test func aLoneCallRunsAloneAndAtOnce() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 2, maximumBatch: 64, sessionLimit: noLimit)
        let runs = Runs()
        for input in [1, 2, 3] {
            let output = try await batcher.submit(
                input,
                session: drain { batch in
                    runs.record(batch)
                    return batch.map { $0 * 10 }
                })
            #expect(output == input * 10)
        }
        #expect(runs.all == [[1], [2], [3]])
        #expect(batcher.statistics == .init(calls: 3, batches: 3, sessions: 3))
    }

    @Test func callsArrivingDuringABatchShareTheNextInTheSameSessionAndEachGetsItsOwnOutput() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 64, sessionLimit: noLimit)
        let held = try await heldLeader(batcher, queuing: 1...10) { batch, _ in batch.map { $0 * 10 } }
        for (input, outcome) in held.outcomes {
            #expect(outcome == .success(input * 10))
        }
        #expect(held.batches.count == 2)
        #expect(held.batches.first == [0])
        #expect(held.batches.last?.sorted() == Array(1...10))
        // The leader's session took the queued calls: one lease served both batches.
        #expect(batcher.statistics == .init(calls: 11, batches: 2, sessions: 1))
        #expect(batcher.queued == 0)
    }

    @Test func aBatchTakesAtMostItsLimitAndTheRestFollow() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 4, sessionLimit: noLimit)
        let held = try await heldLeader(batcher, queuing: 1...10) { batch, _ in batch }
        for (input, outcome) in held.outcomes {
            #expect(outcome == .success(input))
        }
        #expect(held.batches.map(\.count) == [1, 4, 4, 2])
        #expect(held.batches.dropFirst().flatMap { $0 }.sorted() == Array(1...10))
        #expect(batcher.statistics.sessions == 1)
    }

    @Test func aSessionPastItsLimitEndsAndAnotherTakesTheQueuedCalls() async throws {
        // With no time at all, each session runs one batch, and nothing queued is left behind.
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 4, sessionLimit: .zero)
        let held = try await heldLeader(batcher, queuing: 1...10) { batch, _ in batch }
        for (input, outcome) in held.outcomes {
            #expect(outcome == .success(input))
        }
        #expect(held.batches.map(\.count) == [1, 4, 4, 2])
        #expect(batcher.statistics == .init(calls: 11, batches: 4, sessions: 4))
        #expect(batcher.queued == 0)
    }

    @Test func aFailedBatchFailsEachOfItsCallsAndNoOther() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 5, sessionLimit: noLimit)
        // The first batch after the leader's fails; the one after it succeeds.
        let held = try await heldLeader(batcher, queuing: 1...8) { batch, number in
            if number == 1 { throw Refused(batch: batch) }
            return batch
        }
        let failedBatch = held.batches[1]
        #expect(failedBatch.count == 5)
        for input in 0...8 {
            if failedBatch.contains(input) {
                #expect(held.outcomes[input] == .failure(Refused(batch: failedBatch)))
            } else {
                #expect(held.outcomes[input] == .success(input))
            }
        }
        // The failed batch ended its session; a new one served the rest.
        #expect(batcher.statistics.sessions == 2)
    }

    @Test func aSessionThatCannotStartFailsTheCallsItWasStartedForAndTheNextServesTheRest() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 4, sessionLimit: noLimit)
        let gate = Gate()
        let sessions = Mutex<[ContinuousClock.Instant?]>([])
        let session: @Sendable (StatementBatcher<Int, Int>.Session) async -> Void = { session in
            let number = sessions.withLock { sessions in
                sessions.append(session.oldestQueued)
                return sessions.count
            }
            if number == 1 {
                // No connection: the session fails before it takes a batch.
                await gate.wait()
                session.fail(Refused(batch: []))
            } else {
                await drain { $0 }(session)
            }
        }
        let submit: @Sendable (Int) async -> (Int, Result<Int, Refused>) = { input in
            do {
                return (input, .success(try await batcher.submit(input, session: session)))
            } catch {
                return (input, .failure((error as? Refused) ?? Refused(batch: [-1])))
            }
        }
        let (outcomes, queuedFrom) = try await withThrowingTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            // However this ends, the held session is let go, so no call is left waiting and the group can end.
            defer { gate.open() }
            group.addTask { await submit(0) }
            try await waitUntil { sessions.withLock { !$0.isEmpty } }
            let queuedFrom = ContinuousClock.now
            for input in 1...9 {
                group.addTask { await submit(input) }
            }
            try await waitUntilQueued(batcher, 10)
            gate.open()
            let outcomes = try await group.reduce(into: [Int: Result<Int, Refused>]()) { $0[$1.0] = $1.1 }
            return (outcomes, queuedFrom)
        }
        // One batch failed: the call that started the session and the next three queued. The rest ran.
        let failed = outcomes.filter { $0.value == .failure(Refused(batch: [])) }.keys
        #expect(failed.count == 4)
        #expect(failed.contains(0))
        for (input, outcome) in outcomes where !failed.contains(input) {
            #expect(outcome == .success(input))
        }
        #expect(outcomes.count == 10)
        let started = sessions.withLock { $0 }
        #expect(started.count == 2)
        // The second session counts its wait from when the oldest call still queued arrived, not from its own start.
        if started.count == 2, let oldest = started[1] {
            #expect(oldest >= queuedFrom)
        } else {
            Issue.record("the second session saw no queued call")
        }
    }

    /// What a batcher did while its leader was held.
    private struct Held {
        /// The batches run, in order; the first is the leader's, `[0]`.
        var batches: [[Int]]
        /// What each call got, by its input.
        var outcomes: [Int: Result<Int, Refused>]
    }

    /// Call 0 leads the only batch and is held in it while the calls `queuing` queue behind it; then it is let go
    /// and every call runs to its end. `output` answers the batch numbered from 0 (the leader's).
    private func heldLeader(
        _ batcher: StatementBatcher<Int, Int>,
        queuing inputs: ClosedRange<Int>,
        output: @escaping @Sendable ([Int], Int) throws -> [Int]
    ) async throws -> Held {
        let gate = Gate()
        let runs = Mutex<[[Int]]>([])
        let session = drain { batch in
            let number = runs.withLock { runs in
                runs.append(batch)
                return runs.count - 1
            }
            if batch == [0] { await gate.wait() }
            return try output(batch, number)
        }
        let submit: @Sendable (Int) async throws -> (Int, Result<Int, Refused>) = { input in
            do {
                return (input, .success(try await batcher.submit(input, session: session)))
            } catch let error as Refused {
                return (input, .failure(error))
            }
        }
        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            // However this ends, the held batch is let go, so no call is left waiting and the group can end.
            defer { gate.open() }
            group.addTask { try await submit(0) }
            try await waitUntil { runs.withLock { !$0.isEmpty } }
            for input in inputs {
                group.addTask { try await submit(input) }
            }
            try await waitUntilQueued(batcher, inputs.count)
            gate.open()
            return try await group.reduce(into: [Int: Result<Int, Refused>]()) { $0[$1.0] = $1.1 }
        }
        return Held(batches: runs.withLock { $0 }, outcomes: outcomes)
    }
}
