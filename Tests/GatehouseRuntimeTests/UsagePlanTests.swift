import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import GatehouseStoreSQLite
import NIOHTTP1
import Testing

/// Usage plans through a real server: throttles with Retry-After, quotas that run out and come back at the UTC
/// period boundary (on an injected clock), RateLimit headers, and counters that outlive the server.
struct UsagePlanTests {
    /// Saturday 2027-01-16 23:59:50 UTC.
    static let start = Date(timeIntervalSince1970: 1_800_143_990)

    @Test func theThrottleAnswers429WithRetryAfterAndRefillsWithTime() async throws {
        let clock = ManualClock(Self.start)
        try await KeyedGateway.with(keys: ["bob": "tight"], access: AccessConfiguration(clock: clock)) {
            gateway, secrets, _ in
            let key = [("X-API-Key", secrets["bob"]!)]
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await gateway.request(.GET, "/keyed", headers: key).status) }
            #expect(statuses == [200, 200, 200, 429])
            let throttled = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(throttled.status == 429)
            #expect(throttled.headers["Retry-After"] == ["1"])
            #expect(throttled.headers["RateLimit-Limit"] == ["3"])
            #expect(throttled.headers["RateLimit-Remaining"] == ["0"])
            #expect(throttled.headers["Content-Type"] == ["application/problem+json"])
            #expect(
                throttled.json?["detail"]
                    == .string("the rate limit of 1 requests per second (burst 3) is exceeded; retry after 1 s"))
            clock.advance(by: 1)
            let again = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(again.status == 200)
            #expect(again.headers["RateLimit-Remaining"] == ["0"])
            // `maybe` has its own, tighter throttle in the plan: its bucket is separate from the plan's.
            #expect(try await gateway.request(.GET, "/maybe", headers: key).status == 200)
            #expect(try await gateway.request(.GET, "/maybe", headers: key).status == 429)
            // An operation without security does not look at keys: it is not metered by the key's plan.
            let open = try await gateway.request(.GET, "/open", headers: key)
            #expect(open.status == 200)
            #expect(open.headers["RateLimit-Limit"] == [])
        }
    }

    @Test func compatibleModeThrottleBody() async throws {
        let clock = ManualClock(Self.start)
        let access = AccessConfiguration(apiGatewayCompatible: true, clock: clock)
        try await KeyedGateway.with(keys: ["bob": "tight"], access: access) { gateway, secrets, _ in
            let key = [("X-API-Key", secrets["bob"]!)]
            for _ in 0..<3 { _ = try await gateway.request(.GET, "/keyed", headers: key) }
            let throttled = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(throttled.status == 429)
            #expect(throttled.body == #"{"message":"Too Many Requests"}"#)
            #expect(throttled.headers["Retry-After"] == ["1"])
        }
    }

    @Test func aDailyQuotaRunsOutAndResetsAtMidnightUTC() async throws {
        let clock = ManualClock(Self.start)
        try await KeyedGateway.with(keys: ["carol": "daily"], access: AccessConfiguration(clock: clock)) {
            gateway, secrets, _ in
            let key = [("X-API-Key", secrets["carol"]!)]
            var remaining: [String] = []
            for _ in 0..<3 {
                let reply = try await gateway.request(.GET, "/keyed", headers: key)
                #expect(reply.status == 200)
                remaining += reply.headers["RateLimit-Remaining"]
                #expect(reply.headers["RateLimit-Limit"] == ["3"])
                #expect(reply.headers["RateLimit-Reset"] == ["10"])
            }
            #expect(remaining == ["2", "1", "0"])
            let exhausted = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(exhausted.status == 429)
            #expect(exhausted.json?["title"] == .string("Quota Exhausted"))
            #expect(
                exhausted.json?["detail"]
                    == .string(
                        "the quota of 3 requests per DAY of plan 'daily' is used up; it resets at 2027-01-17T00:00:00Z")
            )
            #expect(exhausted.json?["resetsAt"] == .string("2027-01-17T00:00:00Z"))
            #expect(exhausted.headers["Retry-After"] == ["10"])
            // One second before midnight: still used up. At midnight UTC: a new day, a new quota.
            clock.advance(by: 9)
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 429)
            clock.advance(by: 1)
            let next = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(next.status == 200)
            #expect(next.headers["RateLimit-Remaining"] == ["2"])
        }
    }

    @Test func aMonthlyQuotaSpansDaysAndResetsOnTheFirst() async throws {
        // 2027-01-31 23:59:59 UTC.
        let clock = ManualClock(Date(timeIntervalSince1970: 1_801_439_999))
        try await KeyedGateway.with(keys: ["dave": "monthly"], access: AccessConfiguration(clock: clock)) {
            gateway, secrets, _ in
            let key = [("X-API-Key", secrets["dave"]!)]
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 200)
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 200)
            let exhausted = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(exhausted.status == 429)
            #expect(exhausted.json?["resetsAt"] == .string("2027-02-01T00:00:00Z"))
            clock.advance(by: 1)
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 200)
        }
    }

    @Test func quotaCountersSurviveARestartOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-keys-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let clock = ManualClock(Self.start)
        let secret = try await KeyedGateway.with(
            keys: ["erin": "daily"], access: AccessConfiguration(clock: clock), store: try SQLiteTableStore(path: path)
        ) { (gateway, secrets, _) async throws in
            let key = [("X-API-Key", secrets["erin"]!)]
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 200)
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 200)
            return secrets["erin"]!
        }
        // A new server on the same file: one request left of the three.
        try await KeyedGateway.with(
            keys: ["erin": "daily"], access: AccessConfiguration(clock: clock), store: try SQLiteTableStore(path: path)
        ) { gateway, _, _ in
            let key = [("X-API-Key", secret)]
            let last = try await gateway.request(.GET, "/keyed", headers: key)
            #expect(last.status == 200)
            #expect(last.headers["RateLimit-Remaining"] == ["0"])
            #expect(try await gateway.request(.GET, "/keyed", headers: key).status == 429)
        }
        let usage = try await UsageCounters(store: try SQLiteTableStore(path: path)).days(
            keys: [], from: nil, to: nil)
        #expect(usage == [UsageCounters.DayCount(key: "erin", day: "2027-01-16", requests: 3)])
    }

    @Test func anonymousCallsShareOneThrottle() async throws {
        let clock = ManualClock(Self.start)
        let access = AccessConfiguration(anonymousThrottle: Throttle(rate: 1, burst: 2), clock: clock)
        try await KeyedGateway.with(access: access) { gateway, secrets, _ in
            let first = try await gateway.request(.GET, "/open")
            #expect(first.headers["RateLimit-Limit"] == ["2"])
            #expect(first.headers["RateLimit-Remaining"] == ["1"])
            #expect(try await gateway.request(.GET, "/maybe").status == 200)
            #expect(try await gateway.request(.GET, "/open").status == 429)
            // A key's calls (where the operation looks at keys) are metered by its plan, not by the anonymous bucket.
            let keyed = try await gateway.request(.GET, "/maybe", headers: [("X-API-Key", secrets["alice"]!)])
            #expect(keyed.status == 200)
            #expect(keyed.headers["RateLimit-Limit"] == ["1000"])
        }
    }

    @Test func keysWithoutAPlanGetTheDefaultPlan() async throws {
        let clock = ManualClock(Self.start)
        try await KeyedGateway.with(
            keys: ["frank": nil, "gina": "no-such-plan"], access: AccessConfiguration(clock: clock)
        ) {
            gateway, secrets, _ in
            for name in ["frank", "gina"] {
                let reply = try await gateway.request(.GET, "/keyed", headers: [("X-API-Key", secrets[name]!)])
                #expect(reply.status == 200)
                // The default plan `free`: 1000 a day.
                #expect(reply.headers["RateLimit-Limit"] == ["1000"])
                #expect(reply.headers["RateLimit-Remaining"] == ["999"])
            }
        }
    }
}
