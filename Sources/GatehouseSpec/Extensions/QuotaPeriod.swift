/// A quota period: a UTC day, an ISO week (Monday to Sunday) or a calendar month.
public enum QuotaPeriod: String, Sendable, Hashable, CaseIterable {
    case day = "DAY"
    case week = "WEEK"
    case month = "MONTH"
}
