import GatehouseStore
import Synchronization

/// The answers an item read (`GET /todos/{id}`) has made, each with the stored JSON text it was made from, so a read
/// of an unchanged item answers without parsing the item, shaping it by the answer's schema and writing it again.
///
/// An entry holds only while the store's text is byte for byte the one it was made from: an item changed through
/// this instance, through another instance on the same database, by `gatehouse store load` or a handler is shaped
/// afresh on its next read. The answer is a function of the item's text and the operation alone (one cache per
/// operation), so a kept answer is the answer shaping would make.
///
/// Bounded: an item over `largestItem` bytes is not kept, and once the entries hold `capacity` bytes the cache
/// starts over. Shared by the event loops; the lock is held for a dictionary lookup or store, never while comparing.
final class ReadAnswerCache: Sendable {
    /// The answer made from `stored`: the body's JSON bytes, or nil when the item could not be made to fit the
    /// schema (the answer is then the contract's example).
    struct Entry: Sendable {
        let stored: [UInt8]
        let answer: [UInt8]?
    }

    static let largestItem = 16 * 1024
    static let capacity = 4 * 1024 * 1024

    private struct State {
        var entries: [ItemKey: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())

    /// The entry for `key` when it was made from exactly `stored`.
    func entry(for key: ItemKey, stored: [UInt8]) -> Entry? {
        guard let entry = state.withLock({ $0.entries[key] }), entry.stored == stored else { return nil }
        return entry
    }

    /// Keeps `answer` as the answer made from `stored` for `key`.
    func remember(_ key: ItemKey, stored: [UInt8], answer: [UInt8]?) {
        let size = stored.count + (answer?.count ?? 0)
        guard stored.count <= Self.largestItem else { return }
        let entry = Entry(stored: stored, answer: answer)
        state.withLock { state in
            if let replaced = state.entries[key] {
                state.bytes -= replaced.stored.count + (replaced.answer?.count ?? 0)
            } else if state.bytes + size > Self.capacity {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.entries[key] = entry
            state.bytes += size
        }
    }
}
