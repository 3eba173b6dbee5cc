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

/// Waits (bounded: it only catches a hang) until `count` calls are queued behind the running batches.
private func waitUntilQueued(_ batcher: StatementBatcher<Int, Int>, _ count: Int) async throws {
    let deadline = Date().addingTimeInterval(30)
    while batcher.queued < count {
        guard Date() < deadline else { throw CancellationError() }
        try await Task.sleep(for: .milliseconds(2))
    }
}

struct StatementBatcherTests {
    @Test func aLoneCallRunsAloneAndAtOnce() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 2, maximumBatch: 64)
        let runs = Runs()
        for input in [1, 2, 3] {
            let output = try await batcher.submit(input) { batch, _ in
                runs.record(batch)
                return batch.map { $0 * 10 }
            }
            #expect(output == input * 10)
        }
        #expect(runs.all == [[1], [2], [3]])
        #expect(batcher.statistics == .init(calls: 3, batches: 3))
    }

    @Test func callsArrivingDuringABatchShareTheNextAndEachGetsItsOwnOutput() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 64)
        let held = try await heldLeader(batcher, queuing: 1...10) { batch, _ in batch.map { $0 * 10 } }
        for (input, outcome) in held.outcomes {
            #expect(outcome == .success(input * 10))
        }
        #expect(held.batches.count == 2)
        #expect(held.batches.first == [0])
        #expect(held.batches.last?.sorted() == Array(1...10))
        #expect(batcher.statistics == .init(calls: 11, batches: 2))
        #expect(batcher.queued == 0)
    }

    @Test func aBatchIsToldWhenItsOldestCallArrivedNotWhenItStarted() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 64)
        let held = try await heldLeader(batcher, queuing: 1...3, pause: .milliseconds(50)) { batch, _ in batch }
        #expect(held.oldest.count == 2)
        // The second batch started after the leader was let go; its calls had arrived before.
        #expect(held.oldest[1] >= held.queuedFrom)
        #expect(held.oldest[1] < held.released)
    }

    @Test func aBatchTakesAtMostItsLimitAndTheRestFollow() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 4)
        let held = try await heldLeader(batcher, queuing: 1...10) { batch, _ in batch }
        for (input, outcome) in held.outcomes {
            #expect(outcome == .success(input))
        }
        #expect(held.batches.map(\.count) == [1, 4, 4, 2])
        #expect(held.batches.dropFirst().flatMap { $0 }.sorted() == Array(1...10))
    }

    @Test func aFailedBatchFailsEachOfItsCallsAndNoOther() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 5)
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
    }

    /// What a batcher did while its leader was held.
    private struct Held {
        /// The batches run, in order; the first is the leader's, `[0]`.
        var batches: [[Int]]
        /// When each batch's oldest call arrived, in the same order.
        var oldest: [ContinuousClock.Instant]
        /// What each call got, by its input.
        var outcomes: [Int: Result<Int, Refused>]
        /// Just before the queued calls were made, and when the leader was let go.
        var queuedFrom: ContinuousClock.Instant
        var released: ContinuousClock.Instant
    }

    /// Call 0 leads the only batch and is held in it while the calls `queuing` queue behind it; after `pause`, it
    /// is let go and every call runs to its end. `output` answers the batch numbered from 0 (the leader's).
    private func heldLeader(
        _ batcher: StatementBatcher<Int, Int>,
        queuing inputs: ClosedRange<Int>,
        pause: Duration = .zero,
        output: @escaping @Sendable ([Int], Int) throws -> [Int]
    ) async throws -> Held {
        let gate = Gate()
        let runs = Mutex<(batches: [[Int]], oldest: [ContinuousClock.Instant])>(([], []))
        let run: @Sendable ([Int], ContinuousClock.Instant) async throws -> [Int] = { batch, oldest in
            let number = runs.withLock { runs in
                runs.batches.append(batch)
                runs.oldest.append(oldest)
                return runs.batches.count - 1
            }
            if batch == [0] { await gate.wait() }
            return try output(batch, number)
        }
        let submit: @Sendable (Int) async throws -> (Int, Result<Int, Refused>) = { input in
            do {
                return (input, .success(try await batcher.submit(input, run: run)))
            } catch let error as Refused {
                return (input, .failure(error))
            }
        }
        let (outcomes, queuedFrom, released) = try await withThrowingTaskGroup(
            of: (Int, Result<Int, Refused>).self
        ) { group in
            group.addTask { try await submit(0) }
            while runs.withLock({ $0.batches.isEmpty }) { try await Task.sleep(for: .milliseconds(1)) }
            let queuedFrom = ContinuousClock.now
            for input in inputs {
                group.addTask { try await submit(input) }
            }
            try await waitUntilQueued(batcher, inputs.count)
            try await Task.sleep(for: pause)
            let released = ContinuousClock.now
            gate.open()
            let outcomes = try await group.reduce(into: [Int: Result<Int, Refused>]()) { $0[$1.0] = $1.1 }
            return (outcomes, queuedFrom, released)
        }
        let (batches, oldest) = runs.withLock { ($0.batches, $0.oldest) }
        return Held(
            batches: batches, oldest: oldest, outcomes: outcomes, queuedFrom: queuedFrom, released: released)
    }
}
