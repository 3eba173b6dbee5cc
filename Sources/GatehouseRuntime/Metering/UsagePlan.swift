public import Foundation

/// A usage plan, as a managed gateway's: a throttle (token bucket) and a quota per UTC period, with tighter or looser
/// throttles for some operations.
public struct UsagePlan: Sendable, Hashable {
    public var name: String
    public var throttle: Throttle?
    public var quota: Quota?
    /// Throttles that replace the plan's for one operation, by operationId.
    public var operationThrottles: [String: Throttle]

    public init(
        name: String, throttle: Throttle? = nil, quota: Quota? = nil, operationThrottles: [String: Throttle] = [:]
    ) {
        self.name = name
        self.throttle = throttle
        self.quota = quota
        self.operationThrottles = operationThrottles
    }

    /// The throttle that applies to one operation.
    public func throttle(for operationId: String) -> Throttle? {
        operationThrottles[operationId] ?? throttle
    }
}

/// A token bucket's parameters: `rate` requests per second on average, up to `burst` at once.
public struct Throttle: Sendable, Hashable {
    public var rate: Double
    public var burst: Int

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }
}

/// At most `limit` requests per UTC `period`.
public struct Quota: Sendable, Hashable {
    public var limit: Int
    public var period: QuotaPeriod

    public init(limit: Int, period: QuotaPeriod) {
        self.limit = limit
        self.period = period
    }
}

/// A quota period: a UTC day, an ISO week (Monday to Sunday) or a calendar month.
public enum QuotaPeriod: String, Sendable, Hashable, CaseIterable {
    case day = "DAY"
    case week = "WEEK"
    case month = "MONTH"

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
    public func window(containing date: Date) -> (start: Date, end: Date, label: String) {
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
            label = String(format: "%04ld-%02ld-%02ld", parts.year!, parts.month!, parts.day!)
        case .week:
            label = String(format: "%04ld-W%02ld", parts.yearForWeekOfYear!, parts.weekOfYear!)
        case .month:
            label = String(format: "%04ld-%02ld", parts.year!, parts.month!)
        }
        return (interval.start, interval.end, label)
    }
}
