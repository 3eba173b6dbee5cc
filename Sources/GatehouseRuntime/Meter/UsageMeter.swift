import Foundation
import GatehouseSpec
import Logging
import ServiceLifecycle

/// Counts accepted requests per key and period in memory and adds them to the store's counters in batches, every
/// `flushInterval` and at shutdown, so a metered request costs no store write.
///
/// A count is the store's total when last read or flushed plus what this instance counted since. Each flush adds
/// the pending counts atomically and reads back the total, which includes what other instances sharing the store
/// added: a quota holds across instances to within one flush interval, and a crash (not a shutdown) loses at most
/// one interval of counts.
final class UsageMeter: @unchecked Sendable {
    // @unchecked: `entries` is only read and written under `lock`.
    private let lock = NSLock()
    private var entries: [Counter: Entry] = [:]
    let counters: UsageCounters
    let logger: Logger

    /// One counter item of the store: a key's count over one period (`DAY#2026-11-21`, `MONTH#2026-11`).
    struct Counter: Hashable {
        var key: String
        var period: String
    }

    struct Entry {
        /// The store's total at the last read or flush.
        var stored: Int
        /// Counted here since, not yet in the store.
        var pending: Int
        var total: Int { stored + pending }
    }

    init(counters: UsageCounters, logger: Logger) {
        self.counters = counters
        self.logger = logger
    }

    /// Counts one request of `key` unless that would take the quota's count past its limit; returns the quota
    /// period's count after it (the day's when there is no quota), and whether it was counted.
    nonisolated(nonsending) func count(key: String, quota: Quota?, at now: Date) async throws -> (
        count: Int, counted: Bool
    ) {
        let day = Counter(key: key, period: "DAY#" + QuotaPeriod.day.window(containing: now).label)
        var measured = day
        if let quota, quota.period != .day {
            measured = Counter(
                key: key, period: "\(quota.period.rawValue)#" + quota.period.window(containing: now).label)
            try await load(measured)
        }
        try await load(day)
        return lock.withLock { () -> (count: Int, counted: Bool) in
            let current = entries[measured]?.total ?? 0
            if let quota, current >= quota.limit { return (current, false) }
            entries[day, default: Entry(stored: 0, pending: 0)].pending += 1
            if measured != day { entries[measured, default: Entry(stored: 0, pending: 0)].pending += 1 }
            return (current + 1, true)
        }
    }

    /// Reads a counter's stored total the first time this instance meets it.
    func load(_ counter: Counter) async throws {
        guard lock.withLock({ entries[counter] == nil }) else { return }
        let stored = try await counters.read(key: counter.key, period: counter.period)
        lock.withLock {
            if entries[counter] == nil { entries[counter] = Entry(stored: stored, pending: 0) }
        }
    }

    /// Adds every pending count to the store; keeps what could not be written for the next flush. Counters of past
    /// periods are forgotten once written (the store keeps them).
    func flush(now: Date) async {
        let pending = lock.withLock { entries.filter { $0.value.pending > 0 }.mapValues(\.pending) }
        for (counter, amount) in pending {
            do {
                let total = try await counters.add(amount, key: counter.key, period: counter.period)
                lock.withLock {
                    entries[counter]?.stored = total
                    entries[counter]?.pending -= amount
                }
            } catch {
                logger.error(
                    "usage counts could not be written; they are kept for the next try",
                    metadata: ["key": .string(counter.key), "error": .string("\(error)")])
            }
        }
        // A counter not of the current day, week or month is done with once nothing is pending.
        let current = Set(QuotaPeriod.allCases.map { "\($0.rawValue)#" + $0.window(containing: now).label })
        lock.withLock {
            entries = entries.filter { $0.value.pending > 0 || current.contains($0.key.period) }
        }
    }

    var pendingCount: Int { lock.withLock { entries.values.reduce(0) { $0 + $1.pending } } }
}

/// Flushes a `UsageMeter` every interval while the gateway runs, and once more when it stops.
struct UsageFlusher: Service {
    let meter: UsageMeter
    let interval: Duration
    let clock: any MeteringClock

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await meter.flush(now: clock.now)
            }
        }
        // An unstructured task: the final flush must not inherit the cancellation that is stopping the gateway.
        let last = (meter: self.meter, clock: self.clock)
        await Task { await last.meter.flush(now: last.clock.now) }.value
    }
}
