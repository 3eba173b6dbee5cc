import Foundation

/// Recent key lookups by hash, found or not, each kept for a short time-to-live so that a revoked key is refused
/// within that time, and at most `capacity` of them: a flood of random keys evicts the oldest entries (first in,
/// first out) instead of growing memory.
final class KeyLookupCache: @unchecked Sendable {
    // @unchecked: `entries`, `order` and `next` are only read and written under `lock`.
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// Every cached hash exactly once, in insertion order, as a ring of `capacity` slots.
    private var order: [String] = []
    private var next = 0
    let capacity: Int
    let timeToLive: TimeInterval

    struct Entry {
        var key: APIKey?
        var expires: Date
    }

    init(capacity: Int, timeToLive: TimeInterval) {
        self.capacity = max(0, capacity)
        self.timeToLive = timeToLive
        order.reserveCapacity(self.capacity)
    }

    /// The cached answer for a hash: `.some(nil)` for a key known not to exist; nil when not cached or expired.
    func lookup(_ hash: String, now: Date) -> APIKey?? {
        lock.withLock {
            guard let entry = entries[hash], entry.expires > now else { return nil }
            return .some(entry.key)
        }
    }

    func insert(_ hash: String, key: APIKey?, now: Date) {
        guard capacity > 0, timeToLive > 0 else { return }
        lock.withLock {
            let entry = Entry(key: key, expires: now + timeToLive)
            if entries[hash] != nil {
                entries[hash] = entry
                return
            }
            if order.count < capacity {
                order.append(hash)
            } else {
                entries[order[next]] = nil
                order[next] = hash
                next = (next + 1) % capacity
            }
            entries[hash] = entry
        }
    }

    var count: Int { lock.withLock { entries.count } }
}
