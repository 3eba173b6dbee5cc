import Foundation

/// Runs blocking work (a child process and its pipes, a socket read) on a thread of its own and awaits it.
///
/// Not on the Swift concurrency pool, which has one thread per core: two tests waiting there for a child process
/// would stall every other test of the process, in-process servers included. Not on `DispatchQueue.global()`
/// either: on Linux its pool is as wide as the cores and grows by about one thread a second while its threads
/// block, so parallel tests' reads queued behind each other for seconds.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// `onOwnThread` for work that cannot fail.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
