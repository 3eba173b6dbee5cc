import Foundation
import GatehouseSpec

/// A quota period's start, end (the next period's start) and label.
typealias QuotaWindow = (start: Date, end: Date, label: String)

/// The window of each quota period last computed, shared by every meter of the process (the periods are UTC, so one
/// window per period holds for everybody until it ends).
final class QuotaWindowCache: @unchecked Sendable {
    // @unchecked: `windows` is only read and written under `lock`.
    static let shared = QuotaWindowCache()

    private let lock = NSLock()
    private var windows: [QuotaPeriod: QuotaWindow] = [:]

    /// The kept window of `period` when it holds `date`.
    func window(of period: QuotaPeriod, containing date: Date) -> QuotaWindow? {
        lock.lock()
        defer { lock.unlock() }
        guard let window = windows[period], window.start <= date, date < window.end else { return nil }
        return window
    }

    func keep(_ window: QuotaWindow, of period: QuotaPeriod) {
        lock.lock()
        defer { lock.unlock() }
        windows[period] = window
    }
}
