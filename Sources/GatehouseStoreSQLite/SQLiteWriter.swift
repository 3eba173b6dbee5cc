import Foundation
import GatehouseStore
import Synchronization

/// The store's one writer: a thread of its own with one connection, which commits the writes that arrive together
/// in one transaction (group commit) and acknowledges each only after that commit.
///
/// A write is a closure run on the writer's connection. Callers await it through a continuation; the blocking work
/// (the write lock, statements, the commit and its sync) runs on the writer's thread, never on Swift's cooperative
/// pool. Writes queued while a batch commits form the next batch, so under load one commit carries many writes and
/// the rate is no longer capped by one commit per write; alone, a write is a batch of one.
///
/// Inside a batch every write has its own savepoint: a write that throws (a condition that does not hold, a bad
/// update, a statement that fails) is rolled back alone and throws to its caller alone, while the others commit.
/// When the transaction itself fails (the commit, or an error after which SQLite rolled everything back), every
/// write of the batch throws: none was acknowledged, none is kept.
final class SQLiteWriter: @unchecked Sendable {
    // @unchecked Sendable: `pending` and `closed` are guarded by `condition`; `connection` is used by the writer's
    // thread only, and closed by it when it stops.

    /// One queued write.
    private struct Job: Sendable {
        /// Runs the write in the open transaction and returns how to acknowledge it once committed, or throws the
        /// write's own error (its changes are then rolled back).
        let run: @Sendable (DirectConnection) throws -> @Sendable () -> Void
        /// Resumes the caller with an error.
        let fail: @Sendable (any Error) -> Void
    }

    /// At most this many writes share a transaction, so a long queue is committed in steps.
    static let maximumBatch = 256

    /// How long the writer looks for the next write before it sleeps, in nanoseconds: a caller that awaits one
    /// write and sends the next (a loop, a keep-alive connection) is then picked up without a wake-up of this
    /// thread, which costs as much as a small write on a busy machine. It yields the core while it looks.
    static let lingering: UInt64 = 50_000

    private let connection: DirectConnection
    private let condition = NSCondition()
    /// `pending.count`, readable without the lock while the writer lingers.
    private let queued = Atomic<Int>(0)
    private var pending: [Job] = []
    private var closed = false
    private let stopped = DispatchSemaphore(value: 0)

    /// Opens the writer's connection to the store at `path` and starts its thread.
    init(path: String, synchronous: String, busyTimeout: Double) throws {
        connection = try DirectConnection(path: path, readOnly: false, busyTimeout: busyTimeout)
        try connection.execute("PRAGMA synchronous = \(synchronous)")
        let thread = Thread { [self] in loop() }
        thread.name = "gatehouse-sqlite-writer"
        thread.start()
    }

    /// Runs `body` in the writer's transaction and returns its result once the transaction has committed.
    func perform<T: Sendable>(_ body: @escaping @Sendable (DirectConnection) throws -> T) async throws -> T {
        try await withUnsafeThrowingContinuation { continuation in
            let job = Job(
                run: { connection in
                    let value = try body(connection)
                    return { continuation.resume(returning: value) }
                },
                fail: { error in continuation.resume(throwing: TableStoreError(sqlite: error)) }
            )
            enqueue(job)
        }
    }

    /// Commits the writes already queued, then stops the thread and closes the connection; later writes throw.
    /// Returns once the connection is closed.
    func close() {
        if stop() { stopped.wait() }
    }

    /// Lets the thread commit the writes already queued and stop, without waiting for it; later writes throw.
    /// Returns whether this call stopped it.
    @discardableResult
    func stop() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        closed = true
        condition.signal()
        return true
    }

    /// How many writes wait for the next batch.
    var queuedWrites: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    private func enqueue(_ job: Job) {
        condition.lock()
        guard !closed else {
            condition.unlock()
            job.fail(DirectConnection.closedError)
            return
        }
        pending.append(job)
        queued.store(pending.count, ordering: .relaxed)
        if pending.count == 1 { condition.signal() }
        condition.unlock()
    }

    private func loop() {
        while let batch = nextBatch() {
            commit(batch)
        }
        connection.close()
        stopped.signal()
    }

    /// Waits for writes and takes those queued, at most `maximumBatch`; nil once closed and drained.
    private func nextBatch() -> [Job]? {
        linger()
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if closed { return nil }
            condition.wait()
        }
        let batch: [Job]
        if pending.count > Self.maximumBatch {
            batch = Array(pending.prefix(Self.maximumBatch))
            pending.removeFirst(Self.maximumBatch)
        } else {
            batch = pending
            pending = []
        }
        queued.store(pending.count, ordering: .relaxed)
        return batch
    }

    /// Looks for a queued write for up to `lingering` nanoseconds, yielding the core between looks.
    private func linger() {
        let start = DispatchTime.now().uptimeNanoseconds
        while queued.load(ordering: .relaxed) == 0, DispatchTime.now().uptimeNanoseconds - start < Self.lingering {
            sched_yield()
        }
    }

    /// Runs the batch in one IMMEDIATE transaction and commits it; acknowledges each write that succeeded after the
    /// commit, or fails them all when the transaction fails.
    private func commit(_ batch: [Job]) {
        do {
            try connection.run(.beginImmediate)
        } catch {
            for job in batch { job.fail(error) }
            return
        }
        // A write alone needs no savepoint: if it throws, the whole transaction is its own to roll back.
        let isolated = batch.count > 1
        var done: [(job: Job, acknowledge: @Sendable () -> Void)] = []
        done.reserveCapacity(batch.count)
        for (position, job) in batch.enumerated() {
            do {
                if isolated { try connection.run(.savepoint) }
                let acknowledge = try job.run(connection)
                if isolated { try connection.run(.releaseSavepoint) }
                done.append((job, acknowledge))
            } catch {
                if isolated, connection.isInTransaction, (try? rollBackSavepoint()) != nil {
                    job.fail(error)
                    continue
                }
                // The transaction is gone or cannot be trusted: nothing of the batch is kept.
                rollBack()
                job.fail(error)
                let shared = Self.batchError(error)
                for (earlier, _) in done { earlier.fail(shared) }
                for later in batch[(position + 1)...] { later.fail(shared) }
                return
            }
        }
        do {
            try connection.run(.commit)
        } catch {
            rollBack()
            for (job, _) in done { job.fail(error) }
            return
        }
        for (_, acknowledge) in done { acknowledge() }
    }

    /// What the other writes of a failed batch throw: SQLite's error (a full disk, an I/O error), or a storage
    /// failure when the batch failed on another write's own error.
    private static func batchError(_ error: any Error) -> any Error {
        if error is TableStoreError {
            return TableStoreError(
                code: .storageFailure,
                message: "the write transaction failed; nothing of it was written",
                cause: error
            )
        }
        return error
    }

    private func rollBackSavepoint() throws {
        try connection.run(.rollbackToSavepoint)
        try connection.run(.releaseSavepoint)
    }

    private func rollBack() {
        if connection.isInTransaction { try? connection.run(.rollback) }
    }
}
