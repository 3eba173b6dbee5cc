import Foundation

/// A mutex for the compiler's cache; `NSLock` because `Synchronization.Mutex` needs macOS 15.
///
/// `@unchecked Sendable`: `NSLock` is thread-safe.
final class CompilerLock: @unchecked Sendable {
    private let lock = NSLock()

    func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
