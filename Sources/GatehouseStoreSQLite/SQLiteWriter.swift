import Foundation
import GRDB
import GatehouseStore
import Synchronization

/// The store's one writer: a thread of its own with one connection, which commits the writes that arrive together
/// in one transaction (group commit) and acknowledges each only after that commit.
///
/// A write is a closure run on the writer's connection. Callers await it through a continuation; the blocking work
/// (waiting for the write lock, the commit's sync, checkpoints) runs on the writer's thread, never on Swift's
/// cooperative pool. A caller from one of the server's event loops is resumed there (`CallerLoop`). Writes queued
/// while a batch commits form the next batch, so under load one commit carries many writes and the rate is no longer
/// capped by one commit per write; alone, a write is a batch of one.
///
/// A write that finds no other write in flight, none overlapping for the last `calm`, and the connection free, when
/// commits are not synced (`synchronous = NORMAL`), runs on the caller's thread instead (`performInline`): the same
/// statements as a batch of one, without the two thread hand-offs, which cost as much as the write itself. Writes
/// that overlap (a server under load) go through the writer's thread, where they share a commit. It never waits there: it tries
/// the connection's lock and the file's write lock without waiting (another process holding the file's lock sends
/// the write to the writer's thread), its commit appends to the WAL without a sync, and the WAL's checkpoints are
/// left to the writer's thread (`walGrew`). A write whose commit is synced (`synchronous = FULL`) always goes
/// through the writer's thread.
///
/// Inside a batch every write has its own savepoint: a write that throws (a condition that does not hold, a bad
/// update, a statement that fails) is rolled back alone and throws to its caller alone, while the others commit.
/// When the transaction itself fails (the commit, or an error after which SQLite rolled everything back), every
/// write of the batch throws: none was acknowledged, none is kept.
final class SQLiteWriter: @unchecked Sendable {
    // @unchecked Sendable: `pending`, `closed` and `checkpointWanted` are guarded by `condition`; `connection` is
    // used under `connectionLock` only (by the writer's thread for a batch, a checkpoint and closing, by a caller for
    // an inline write), and closed by the writer's thread when it stops.

    /// One queued write.
    private struct Job: Sendable {
        /// Runs the write in the open transaction and returns how to acknowledge it once committed, or throws the
        /// write's own error (its changes are then rolled back).
        let run: @Sendable (DirectConnection) throws -> @Sendable () -> Void
        /// Resumes the caller with an error.
        let fail: @Sendable (any Error) -> Void
        /// The event loop the caller awaits on, where its acknowledgement resumes it (`CallerLoop`).
        let caller: CallerLoop?
    }

    /// At most this many writes share a transaction, so a long queue is committed in steps.
    static let maximumBatch = 256

    /// How long the writer looks for the next write before it sleeps, in nanoseconds: a caller that awaits one
    /// write and sends the next (a loop, a keep-alive connection) is then picked up without a wake-up of this
    /// thread, which costs as much as a small write on a busy machine. It yields the core while it looks.
    static let lingering: UInt64 = 50_000

    /// The WAL's size, in pages, at which the writer's thread checkpoints it into the store file (SQLite's own
    /// automatic checkpoint is at 1,000 pages).
    static let checkpointPages: Int32 = 1000

    private let connection: DirectConnection
    /// Held while the connection is in use: a batch, a checkpoint, an inline write, closing.
    private let connectionLock = NSLock()
    /// Whether a write may run on its caller's thread: commits are not synced.
    private let inlineWrites: Bool
    /// The busy timeout of the writer's thread, restored after an inline write (which waits for nothing).
    private let busyMilliseconds: Int32
    private let condition = NSCondition()
    /// The writes between the start of `perform` and their acknowledgement.
    private let inFlight = Atomic<Int>(0)
    /// When a write last started while another was in flight (`DispatchTime` nanoseconds).
    private let lastOverlap = Atomic<UInt64>(0)
    /// How long after writes overlapped every write still goes through the writer's batches, in nanoseconds: under
    /// load, writes overlap every few milliseconds, and batching them costs less than a commit each.
    static let calm: UInt64 = 50_000_000
    /// `pending.count`, readable without the lock while the writer lingers.
    private let queued = Atomic<Int>(0)
    private var pending: [Job] = []
    private var closed = false
    /// The WAL has grown past `checkpointPages`: the writer's thread checkpoints it after the current batch.
    private var checkpointWanted = false
    /// `closed`, readable without the lock by an inline write.
    private let isClosed = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    /// Opens the writer's connection to the store at `path` and starts its thread.
    init(path: String, synchronous: String, busyTimeout: Double) throws {
        connection = try DirectConnection(path: path, readOnly: false, busyTimeout: busyTimeout)
        try connection.execute("PRAGMA synchronous = \(synchronous)")
        inlineWrites = synchronous == "NORMAL"
        busyMilliseconds = Int32(min(busyTimeout * 1000, Double(Int32.max)).rounded())
        // The writer outlives its connection (the thread closes it before it stops), so an unretained pointer is safe.
        connection.setCommitHook(context: Unmanaged.passUnretained(self).toOpaque()) { context, _, _, pages in
            guard let context else { return 0 }
            Unmanaged<SQLiteWriter>.fromOpaque(context).takeUnretainedValue().walGrew(pages: pages)
            return 0  // SQLITE_OK
        }
        let thread = Thread { [self] in loop() }
        thread.name = "gatehouse-sqlite-writer"
        thread.start()
    }

    /// Runs `body` in the writer's transaction and returns its result once the transaction has committed.
    nonisolated(nonsending) func perform<T: Sendable>(_ body: @escaping @Sendable (DirectConnection) throws -> T)
        async throws -> T
    {
        let others = inFlight.add(1, ordering: .relaxed).oldValue
        defer { inFlight.subtract(1, ordering: .relaxed) }
        let now = DispatchTime.now().uptimeNanoseconds
        // Alone, a write runs at once; beside others, or soon after writes overlapped (a server under load), it joins
        // the writer's batch, where one commit serves them all.
        if others == 0, now &- lastOverlap.load(ordering: .relaxed) > Self.calm {
            if let value = try performInline(body) { return value }
        } else {
            lastOverlap.store(now, ordering: .relaxed)
        }
        return try await performQueued(body)
    }

    /// Runs `body` on the writer's thread, in the next batch, and returns its result once the batch has committed.
    nonisolated(nonsending) func performQueued<T: Sendable>(_ body: @escaping @Sendable (DirectConnection) throws -> T)
        async throws -> T
    {
        try await withUnsafeThrowingContinuation { continuation in
            let job = Job(
                run: { connection in
                    let value = try body(connection)
                    return { continuation.resume(returning: value) }
                },
                fail: { error in continuation.resume(throwing: TableStoreError(sqlite: error)) },
                caller: CallerLoop.current
            )
            enqueue(job)
        }
    }

    /// Runs `body` in a transaction of its own on the caller's thread and returns its result once committed, when
    /// that costs no waiting: inline writes are allowed, nothing is queued, and neither the connection nor the file's
    /// write lock is held by anyone else. Returns nil, having changed nothing, when the write must go through the
    /// writer's thread; throws `body`'s error (its changes rolled back) or the transaction's.
    private func performInline<T: Sendable>(_ body: (DirectConnection) throws -> T) throws -> T? {
        guard inlineWrites, queued.load(ordering: .relaxed) == 0, connectionLock.try() else { return nil }
        defer { connectionLock.unlock() }
        guard !isClosed.load(ordering: .acquiring) else { throw DirectConnection.closedError }
        connection.setBusyTimeout(milliseconds: 0)
        defer { connection.setBusyTimeout(milliseconds: busyMilliseconds) }
        do {
            try connection.run(.beginImmediate)
        } catch {
            // Another process holds the file's write lock: the writer's thread waits for it, this thread does not.
            if Self.isBusy(error) { return nil }
            throw TableStoreError(sqlite: error)
        }
        do {
            let value = try body(connection)
            try connection.run(.commit)
            return value
        } catch {
            rollBack()
            throw TableStoreError(sqlite: error)
        }
    }

    private static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// After a commit, with the WAL's size: past `checkpointPages`, the writer's thread is asked to checkpoint.
    private func walGrew(pages: Int32) {
        guard pages >= Self.checkpointPages else { return }
        condition.lock()
        defer { condition.unlock() }
        if !checkpointWanted {
            checkpointWanted = true
            condition.signal()
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
        isClosed.store(true, ordering: .releasing)
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
            connectionLock.lock()
            if !batch.isEmpty { commit(batch) }
            if takeCheckpointRequest() { checkpoint() }
            connectionLock.unlock()
        }
        connectionLock.lock()
        connection.close()
        connectionLock.unlock()
        stopped.signal()
    }

    private func takeCheckpointRequest() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        defer { checkpointWanted = false }
        return checkpointWanted
    }

    /// Moves the WAL's committed pages into the store file without waiting for readers (what SQLite's automatic
    /// checkpoint does); a failure is left for the next one.
    private func checkpoint() {
        try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    }

    /// Waits for writes or a checkpoint request and takes the writes queued, at most `maximumBatch` (none when only a
    /// checkpoint is due); nil once closed and drained.
    private func nextBatch() -> [Job]? {
        linger()
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if closed { return nil }
            if checkpointWanted { return [] }
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
        Self.acknowledge(done)
    }

    /// Resumes each committed write's caller on its own event loop (`CallerLoop`), with one hand-off to each loop
    /// for the whole batch; a caller from elsewhere is resumed from this thread.
    private static func acknowledge(_ done: [(job: Job, acknowledge: @Sendable () -> Void)]) {
        var byLoop: [ObjectIdentifier: (caller: CallerLoop, acknowledgements: [@Sendable () -> Void])] = [:]
        for (job, acknowledge) in done {
            guard let caller = job.caller else {
                acknowledge()
                continue
            }
            byLoop[ObjectIdentifier(caller.loop), default: (caller, [])].acknowledgements.append(acknowledge)
        }
        for (caller, acknowledgements) in byLoop.values {
            caller.run { for acknowledge in acknowledgements { acknowledge() } }
        }
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
