import Foundation
import GatehouseSpec

/// A token bucket: holds up to `burst` tokens, refilled at `rate` per second; a request takes one.
struct TokenBucket: Sendable {
    var tokens: Double
    var updated: Date

    init(throttle: Throttle, now: Date) {
        self.tokens = Double(throttle.burst)
        self.updated = now
    }

    /// What one request learns from the bucket.
    struct Decision: Sendable, Equatable {
        var allowed: Bool
        /// Whole tokens left after this request.
        var remaining: Int
        /// Seconds until a token is available again (0 when one is).
        var retryAfter: Double
        /// Seconds until the bucket is full again.
        var reset: Double
    }

    /// Refills for the time since the last call, then takes a token when there is one. A clock that went backwards
    /// refills nothing rather than draining the bucket.
    mutating func take(_ throttle: Throttle, now: Date) -> Decision {
        let elapsed = max(0, now.timeIntervalSince(updated))
        tokens = min(Double(throttle.burst), tokens + elapsed * throttle.rate)
        updated = max(updated, now)
        let allowed = tokens >= 1
        if allowed { tokens -= 1 }
        let missing = Double(throttle.burst) - tokens
        return Decision(
            allowed: allowed,
            remaining: Int(tokens.rounded(.down)),
            retryAfter: tokens >= 1 ? 0 : (1 - tokens) / throttle.rate,
            reset: missing / throttle.rate
        )
    }
}

/// The token buckets of one gateway instance, by caller and operation. They live in memory: a throttle is per
/// instance (as a managed gateway's is per region), while quotas are counted in the store.
///
/// Buckets exist only for known keys and for the anonymous caller, so their number is bounded by the number of
/// keys times the operations with their own throttle.
final class TokenBuckets: @unchecked Sendable {
    // @unchecked: `buckets` is only read and written under `lock`.
    private let lock = NSLock()
    private var buckets: [String: TokenBucket] = [:]

    func take(_ bucket: String, throttle: Throttle, now: Date) -> TokenBucket.Decision {
        lock.withLock {
            var current = buckets[bucket] ?? TokenBucket(throttle: throttle, now: now)
            let decision = current.take(throttle, now: now)
            buckets[bucket] = current
            return decision
        }
    }

    var count: Int { lock.withLock { buckets.count } }
}
