import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import Testing

/// The UTC periods quotas are counted over.
struct QuotaPeriodTests {
    struct Window: Sendable, CustomStringConvertible {
        var period: QuotaPeriod
        var at: String
        var start: String
        var end: String
        var label: String
        var description: String { "\(period.rawValue) at \(at)" }
    }

    static let windows = [
        Window(
            period: .day, at: "2026-11-21T23:59:59Z", start: "2026-11-21T00:00:00Z", end: "2026-11-22T00:00:00Z",
            label: "2026-11-21"),
        // ISO weeks start on Monday; 2027-01-01 (a Friday) is in week 53 of 2026.
        Window(
            period: .week, at: "2027-01-01T12:00:00Z", start: "2026-12-28T00:00:00Z", end: "2027-01-04T00:00:00Z",
            label: "2026-W53"),
        Window(
            period: .week, at: "2026-11-23T00:00:00Z", start: "2026-11-23T00:00:00Z", end: "2026-11-30T00:00:00Z",
            label: "2026-W48"),
        Window(
            period: .month, at: "2028-02-29T08:00:00Z", start: "2028-02-01T00:00:00Z", end: "2028-03-01T00:00:00Z",
            label: "2028-02"),
    ]

    @Test(arguments: windows)
    func periodsAreUTCDaysISOWeeksAndCalendarMonths(_ row: Window) throws {
        let window = row.period.window(containing: try Date(row.at, strategy: .iso8601))
        #expect(window.start.formatted(.iso8601) == row.start)
        #expect(window.end.formatted(.iso8601) == row.end)
        #expect(window.label == row.label)
    }

    /// Windows are kept per period for the next request; dates that jump between periods, back and forth, still get
    /// their own.
    @Test func keptWindowsFollowDatesThatJumpBetweenPeriods() throws {
        let rows = Self.windows + Self.windows.reversed() + Self.windows
        for row in rows {
            let date = try Date(row.at, strategy: .iso8601)
            #expect(row.period.window(containing: date).label == row.label, "at \(row.at)")
            // A second earlier: for the rows at a period's first instant, the window before.
            let before = row.period.window(containing: date.addingTimeInterval(-1))
            #expect(before.start <= date.addingTimeInterval(-1) && date.addingTimeInterval(-1) < before.end)
        }
    }
}
