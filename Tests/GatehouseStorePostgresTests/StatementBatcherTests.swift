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
        let runs = Runs()
        let gate = Gate()
        let run: @Sendable ([Int], ContinuousClock.Instant) async throws -> [Int] = { batch, _ in
            runs.record(batch)
            if batch == [0] { await gate.wait() }
            return batch.map { $0 * 10 }
        }
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            group.addTask { (0, try await batcher.submit(0, run: run)) }
            // The first call leads and holds the only batch; ten more queue behind it.
            while runs.all.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
            for input in 1...10 {
                group.addTask { (input, try await batcher.submit(input, run: run)) }
            }
            try await waitUntilQueued(batcher, 10)
            gate.open()
            for try await (input, output) in group {
                #expect(output == input * 10)
            }
        }
        let batches = runs.all
        #expect(batches.count == 2)
        #expect(batches.first == [0])
        #expect(batches.last?.sorted() == Array(1...10))
        #expect(batcher.statistics == .init(calls: 11, batches: 2))
        #expect(batcher.queued == 0)
    }

    @Test func aBatchIsToldWhenItsOldestCallArrivedNotWhenItStarted() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 64)
        let gate = Gate()
        let arrivals = Mutex<[ContinuousClock.Instant]>([])
        let run: @Sendable ([Int], ContinuousClock.Instant) async throws -> [Int] = { batch, oldest in
            arrivals.withLock { $0.append(oldest) }
            if batch == [0] { await gate.wait() }
            return batch
        }
        let (queuedFrom, opened) = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await batcher.submit(0, run: run) }
            while arrivals.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(1)) }
            let queuedFrom = ContinuousClock.now
            for input in 1...3 {
                group.addTask { _ = try await batcher.submit(input, run: run) }
            }
            try await waitUntilQueued(batcher, 3)
            try await Task.sleep(for: .milliseconds(50))
            let opened = ContinuousClock.now
            gate.open()
            try await group.waitForAll()
            return (queuedFrom, opened)
        }
        let told = arrivals.withLock { $0 }
        #expect(told.count == 2)
        // The second batch started after the gate opened; its calls had arrived before.
        #expect(told[1] >= queuedFrom)
        #expect(told[1] < opened)
    }

    @Test func aBatchTakesAtMostItsLimitAndTheRestFollow() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 4)
        let runs = Runs()
        let gate = Gate()
        let run: @Sendable ([Int], ContinuousClock.Instant) async throws -> [Int] = { batch, _ in
            runs.record(batch)
            if batch == [0] { await gate.wait() }
            return batch
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await batcher.submit(0, run: run) }
            while runs.all.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
            for input in 1...10 {
                group.addTask {
                    let output = try await batcher.submit(input, run: run)
                    #expect(output == input)
                }
            }
            try await waitUntilQueued(batcher, 10)
            gate.open()
            try await group.waitForAll()
        }
        #expect(runs.all.map(\.count) == [1, 4, 4, 2])
        #expect(runs.all.dropFirst().flatMap { $0 }.sorted() == Array(1...10))
    }

    @Test func aFailedBatchFailsEachOfItsCallsAndNoOther() async throws {
        let batcher = StatementBatcher<Int, Int>(maximumInFlight: 1, maximumBatch: 5)
        let runs = Runs()
        let gate = Gate()
        let run: @Sendable ([Int], ContinuousClock.Instant) async throws -> [Int] = { batch, _ in
            runs.record(batch)
            if batch == [0] { await gate.wait() }
            // The first batch after the leader's fails; the one after it succeeds.
            if runs.all.count == 2 { throw Refused(batch: batch) }
            return batch
        }
        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            group.addTask { (0, .success(try await batcher.submit(0, run: run))) }
            while runs.all.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
            for input in 1...8 {
                group.addTask {
                    do {
                        return (input, .success(try await batcher.submit(input, run: run)))
                    } catch let error as Refused {
                        return (input, .failure(error))
                    }
                }
            }
            try await waitUntilQueued(batcher, 8)
            gate.open()
            return try await group.reduce(into: [Int: Result<Int, Refused>]()) { $0[$1.0] = $1.1 }
        }
        let failedBatch = runs.all[1]
        #expect(failedBatch.count == 5)
        for input in 0...8 {
            if failedBatch.contains(input) {
                #expect(outcomes[input] == .failure(Refused(batch: failedBatch)))
            } else {
                #expect(outcomes[input] == .success(input))
            }
        }
    }
}
