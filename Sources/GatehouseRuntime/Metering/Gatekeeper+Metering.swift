import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseStore

/// The usage-plan step: the throttle (an in-memory token bucket per key, or one shared by anonymous calls), then the
/// quota (counters in the store, batched by `UsageMeter`), and the `RateLimit-*` headers of every metered answer.
extension Gatekeeper {
    func meter(_ caller: Caller, operation: GatehouseSpec.Operation, plans: UsagePlans) async -> Admission {
        let now = configuration.clock.now
        switch caller {
        case .authenticated:
            return .admitted(headers: [])
        case .anonymous:
            guard let throttle = configuration.anonymousThrottle ?? plans.anonymous else {
                return .admitted(headers: [])
            }
            let decision = buckets.take("anonymous", throttle: throttle, now: now)
            guard decision.allowed else { return .refused(throttled(decision, throttle, operation: operation)) }
            return .admitted(headers: Self.headers(decision, throttle))
        case .key(let key):
            let plan = plans.plan(named: key.plan)
            if let name = key.plan, plans.plans[name] == nil, warnings.first(name) {
                logger.warning(
                    "a key's plan is not declared; it is metered by the default plan",
                    metadata: [
                        "key": .string(key.name), "plan": .string(name),
                        "default": .string(plans.defaultPlan ?? "none"),
                    ])
            }
            var headers: [(name: String, value: String)] = []
            if let plan, let throttle = plan.throttle(for: operation.id) {
                let bucket =
                    plan.operationThrottles[operation.id] == nil
                    ? "key:\(key.hash)" : "key:\(key.hash)#\(operation.id)"
                let decision = buckets.take(bucket, throttle: throttle, now: now)
                guard decision.allowed else { return .refused(throttled(decision, throttle, operation: operation)) }
                headers = Self.headers(decision, throttle)
            }
            guard let meter else { return .admitted(headers: headers) }
            let quota = plan?.quota
            let result: (count: Int, counted: Bool)
            do {
                result = try await meter.count(key: key.name, quota: quota, at: now)
            } catch {
                // Metering fails open: a store hiccup must not take the API down; the log says so.
                logger.error("a request could not be counted", metadata: ["error": .string("\(error)")])
                return .admitted(headers: headers)
            }
            guard let quota else { return .admitted(headers: headers) }
            let window = quota.period.window(containing: now)
            let reset = Int(window.end.timeIntervalSince(now).rounded(.up))
            guard result.counted else {
                return .refused(exhausted(quota, plan: plan?.name ?? "", resetsAt: window.end, in: reset, operation))
            }
            return .admitted(headers: [
                ("RateLimit-Limit", String(quota.limit)),
                ("RateLimit-Remaining", String(max(0, quota.limit - result.count))),
                ("RateLimit-Reset", String(reset)),
            ])
        }
    }

    static func headers(_ decision: TokenBucket.Decision, _ throttle: Throttle) -> [(name: String, value: String)] {
        [
            ("RateLimit-Limit", String(throttle.burst)),
            ("RateLimit-Remaining", String(decision.remaining)),
            ("RateLimit-Reset", String(Int(decision.reset.rounded(.up)))),
        ]
    }

    func throttled(_ decision: TokenBucket.Decision, _ throttle: Throttle, operation: GatehouseSpec.Operation)
        -> GatewayAnswer
    {
        let retryAfter = max(1, Int(decision.retryAfter.rounded(.up)))
        let headers: [(name: String, value: String)] =
            [("Retry-After", String(retryAfter))] + Self.headers(decision, throttle)
        if configuration.apiGatewayCompatible {
            var answer = Self.compatible(
                429, message: "Too Many Requests", type: "TooManyRequestsException", operation: operation)
            answer.headers += headers
            return answer
        }
        var problem = Problem(
            status: 429, title: "Too Many Requests",
            detail: "the rate limit of \(Self.rate(throttle.rate)) requests per second (burst \(throttle.burst)) is "
                + "exceeded; retry after \(retryAfter) s",
            type: "https://gatehouse.dev/problems/throttled")
        problem.extra["retryAfter"] = .number(JSONNumber(retryAfter))
        return GatewayAnswer(problem, operationId: operation.id, headers: headers)
    }

    func exhausted(_ quota: Quota, plan: String, resetsAt: Date, in seconds: Int, _ operation: GatehouseSpec.Operation)
        -> GatewayAnswer
    {
        let headers: [(name: String, value: String)] = [
            ("Retry-After", String(max(1, seconds))),
            ("RateLimit-Limit", String(quota.limit)),
            ("RateLimit-Remaining", "0"),
            ("RateLimit-Reset", String(seconds)),
        ]
        let resets = Timestamps.string(resetsAt)
        if configuration.apiGatewayCompatible {
            var answer = Self.compatible(
                429, message: "Limit Exceeded", type: "LimitExceededException", operation: operation)
            answer.headers += headers
            return answer
        }
        var problem = Problem(
            status: 429, title: "Quota Exhausted",
            detail: "the quota of \(quota.limit) requests per \(quota.period.rawValue) of plan '\(plan)' is used up; "
                + "it resets at \(resets)",
            type: "https://gatehouse.dev/problems/quota-exhausted")
        problem.extra["limit"] = .number(JSONNumber(quota.limit))
        problem.extra["period"] = .string(quota.period.rawValue)
        problem.extra["resetsAt"] = .string(resets)
        return GatewayAnswer(problem, operationId: operation.id, headers: headers)
    }

    static func rate(_ rate: Double) -> String {
        rate.rounded() == rate ? String(Int(rate)) : String(rate)
    }
}
