import Foundation
import GatehouseJSON
import Synchronization

/// The time stamps a stateful mock writes into items (`createdAt`, `updatedAt`): RFC 3339 in UTC, to the second.
///
/// Formatted with `Date.ISO8601FormatStyle`, once a second: the text only changes when the second does, and
/// formatting (a calendar's date components, then the text) was about 1 % of a stored create's CPU time. An
/// `ISO8601DateFormatter` built per request cost more than the store write it stamped (about 100 µs on Linux).
enum ItemTimestamp {
    /// The last second formatted and its text.
    private static let last = Mutex<(second: Int64, text: String)>((.min, ""))

    /// Now, as a JSON string such as `"2026-12-06T02:30:25Z"`.
    static func now() -> JSONValue {
        .string(text(at: Date()))
    }

    /// `date` to the second, as `2026-12-06T02:30:25Z`.
    static func text(at date: Date) -> String {
        let second = Int64(date.timeIntervalSince1970.rounded(.down))
        if let cached = last.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = Date(timeIntervalSince1970: Double(second)).formatted(.iso8601)
        last.withLock { $0 = (second, text) }
        return text
    }
}
