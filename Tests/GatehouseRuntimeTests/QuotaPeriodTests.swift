import Foundation
import GatehouseRuntime
import GatehouseSpec
import GatehouseJSON
import Testing

/// Reading `x-gatehouse-usage-plans` and the UTC periods quotas are counted over.
struct UsagePlansTests {
    @Test func theTodoContractDeclaresAFreeAndAProPlan() throws {
        let model = try #require(try SpecFrontEnd().run(path: RunningGateway.repositoryRoot + "/specs/todo.yaml").model)
        let plans = try UsagePlans(model: model)
        #expect(plans.defaultPlan == "free")
        #expect(plans.anonymous == nil)
        #expect(
            plans.plans["free"]
                == UsagePlan(
                    name: "free", throttle: Throttle(rate: 5, burst: 10), quota: Quota(limit: 1000, period: .day),
                    operationThrottles: ["deleteList": Throttle(rate: 1, burst: 2)]))
        #expect(plans.plans["pro"]?.quota == Quota(limit: 1_000_000, period: .month))
        // A key with an undeclared plan falls back to the default one.
        #expect(plans.plan(named: "gold")?.name == "free")
        #expect(plans.plan(named: nil)?.name == "free")
    }

    @Test func everyProblemIsReportedWithItsPath() throws {
        let json = try JSONParser.parse(
            Array(
                #"""
                {"default": 3, "plans": {"a": {"throttle": {"rate": 2, "burst": 0}, "quota": {"limit": 1.5, "period": "DAY"}},
                 "b": {"operations": {"x": {"quota": {}}}}, "c": []}, "anonymous": {"throttle": {"burst": 2}}}
                """#.utf8))
        #expect(throws: UsagePlansError.self) { try UsagePlans(json: json) }
        do {
            _ = try UsagePlans(json: json)
        } catch {
            #expect(
                error.problems.map(\.description) == [
                    "plans/a/throttle/burst: must be a whole number of requests above 0",
                    "plans/a/quota/limit: must be a whole number of requests above 0",
                    "plans/b/operations/x: must be an object with only a 'throttle'",
                    "plans/c: must be an object with 'throttle', 'quota' or 'operations'",
                    "default: must be the name of a plan",
                    "anonymous/throttle/rate: must be a number of requests per second above 0 (at most 1000000)",
                ])
        }
    }

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
