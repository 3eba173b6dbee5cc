public import Foundation

/// The time that token buckets, quota periods, key-cache expiry and JWT `exp`/`nbf` checks read; tests inject a
/// `ManualClock` to cross a period boundary without waiting for it.
public protocol MeteringClock: Sendable {
    var now: Date { get }
}

/// The system's wall clock.
public struct SystemClock: MeteringClock {
    public init() {}

    public var now: Date { Date() }
}

/// A clock that moves only when told to.
public final class ManualClock: MeteringClock, @unchecked Sendable {
    // @unchecked: `current` is only read and written under `lock`.
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date) {
        self.current = start
    }

    public var now: Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }

    public func set(_ date: Date) {
        lock.withLock { current = date }
    }
}
