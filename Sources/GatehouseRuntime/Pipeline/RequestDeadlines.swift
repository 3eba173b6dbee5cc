import Foundation

/// The request timeout of requests with a body that a registered handler or a backend answers (504 past it), without
/// a timer per request: each request's work runs in a task of its own and registers its deadline here; one sweep a
/// second answers the requests past theirs. The mocks answer within bounded time, so their requests skip the task,
/// and a body that stops arriving is ended by `UploadDeadlineHandler` on the connection's event loop.
///
/// A per-request `Task.sleep` raced in a task group cost a dispatch timer, two child tasks and their thread hops on
/// every POST (about 5 % of a validated POST in `bench/serve`); the timeout is a limit for stuck requests (29 s by
/// default), for which a second's precision is enough.
final class RequestDeadlines: @unchecked Sendable {
    // @unchecked: `pending` and `started` are only read and written under `lock`.
    private let lock = NSLock()
    private var pending: [UInt64: Entry] = [:]
    private var nextId: UInt64 = 0
    private var started = false
    let timeout: Duration

    private struct Entry {
        var deadline: ContinuousClock.Instant
        var gate: AnswerGate
        var operationId: String
    }

    init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Runs `work`, or answers 504 when it takes longer than the timeout (the work is then cancelled and its answer
    /// dropped).
    func run(operationId: String, _ work: @escaping @Sendable () async -> GatewayAnswer) async -> GatewayAnswer {
        startSweeping()
        let gate = AnswerGate()
        let task = Task { gate.resume(await work()) }
        let id = register(gate: gate, operationId: operationId)
        let answer = await withTaskCancellationHandler {
            await gate.wait()
        } onCancel: {
            gate.resume(
                GatewayAnswer(Problem(status: 503, title: "Service Unavailable", detail: "the server is shutting down"))
            )
        }
        lock.withLock { _ = pending.removeValue(forKey: id) }
        if gate.timedOut { task.cancel() }
        return answer
    }

    private func register(gate: AnswerGate, operationId: String) -> UInt64 {
        let deadline = ContinuousClock.now + timeout
        return lock.withLock {
            nextId &+= 1
            pending[nextId] = Entry(deadline: deadline, gate: gate, operationId: operationId)
            return nextId
        }
    }

    private func startSweeping() {
        let start = lock.withLock { () -> Bool in
            if started { return false }
            started = true
            return true
        }
        guard start else { return }
        // Holds the deadlines only while it sweeps: once the gateway is gone, the loop ends within a second.
        Task.detached { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                guard let self else { return }
                self.sweep()
            }
        }
    }

    private func sweep() {
        let now = ContinuousClock.now
        let expired = lock.withLock { () -> [Entry] in
            let late = pending.filter { $0.value.deadline <= now }
            for id in late.keys { pending[id] = nil }
            return Array(late.values)
        }
        for entry in expired {
            let answer = GatewayAnswer(
                Problem(status: 504, title: "Gateway Timeout", detail: "the request took longer than \(timeout)"),
                operationId: entry.operationId)
            entry.gate.resume(answer, timedOut: true)
        }
    }
}

/// The answer of one request, given once: by its work, by the deadline sweep, or by a shutdown.
final class AnswerGate: @unchecked Sendable {
    // @unchecked: every member is only read and written under `lock`.
    private let lock = NSLock()
    private var answer: GatewayAnswer?
    private var continuation: CheckedContinuation<GatewayAnswer, Never>?
    private var isTimedOut = false

    var timedOut: Bool { lock.withLock { isTimedOut } }

    /// Gives the answer, unless one was given already.
    func resume(_ given: GatewayAnswer, timedOut: Bool = false) {
        let waiting = lock.withLock { () -> CheckedContinuation<GatewayAnswer, Never>? in
            guard answer == nil else { return nil }
            answer = given
            isTimedOut = timedOut
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: given)
    }

    /// The answer, when it is given.
    func wait() async -> GatewayAnswer {
        await withCheckedContinuation { continuation in
            let ready = lock.withLock { () -> GatewayAnswer? in
                if let answer { return answer }
                self.continuation = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
