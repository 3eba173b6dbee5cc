import Foundation
import GatehouseJSON
import GatehouseSpec
import Testing

/// Reading `x-gatehouse-usage-plans` (from the contract or a `--usage-plans` file).
struct UsagePlansTests {
    @Test func theTodoContractDeclaresAFreeAndAProPlan() throws {
        let model = try #require(try SpecFrontEnd().run(path: TestPaths.specs + "/todo.yaml").model)
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
}
