import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore
import HTTPTypes
import Logging

/// The usage-plan step: the throttle (an in-memory token bucket per key, or one shared by anonymous calls), then the
/// quota (counters in the store, batched by `UsageMeter`), and the `RateLimit-*` headers of every metered answer.
///
/// Long-lived (one per gateway, across spec reloads) because it holds the token buckets and the pending counts.
final class UsagePlanMeter: Sendable {
    let configuration: AccessConfiguration
    /// Counts keyed requests; nil without a store.
    let meter: UsageMeter?
    let buckets = TokenBuckets()
    let logger: Logger
    let warnings = WarnOnce()

    init(configuration: AccessConfiguration, store: (any TableStore)?, logger: Logger) {
        self.configuration = configuration
        self.meter = store.map { UsageMeter(counters: UsageCounters(store: $0), logger: logger) }
        self.logger = logger
    }

    /// What the pipeline does next.
    enum Admission: Sendable {
        /// Go on; add these headers (RateLimit-*) to the answer.
        case admitted(headers: HTTPFields)
        case refused(GatewayAnswer)
    }

    nonisolated(nonsending) func meter(_ caller: Caller, operation: GatehouseSpec.Operation, plans: UsagePlans) async
        -> Admission
    {
        let now = configuration.clock.now
        switch caller {
        case .bearer:
            return .admitted(headers: HTTPFields())
        case .anonymous:
            guard let throttle = configuration.anonymousThrottle ?? plans.anonymous else {
                return .admitted(headers: HTTPFields())
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
            var headers = HTTPFields()
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
            return .admitted(
                headers: Self.rateLimitHeaders(
                    limit: quota.limit, remaining: max(0, quota.limit - result.count), reset: reset))
        }
    }

    static func headers(_ decision: TokenBucket.Decision, _ throttle: Throttle) -> HTTPFields {
        rateLimitHeaders(
            limit: throttle.burst, remaining: decision.remaining, reset: Int(decision.reset.rounded(.up)))
    }

    static let rateLimitLimit = HTTPField.Name("RateLimit-Limit")!
    static let rateLimitRemaining = HTTPField.Name("RateLimit-Remaining")!
    static let rateLimitReset = HTTPField.Name("RateLimit-Reset")!

    static func rateLimitHeaders(limit: Int, remaining: Int, reset: Int) -> HTTPFields {
        var fields = HTTPFields()
        fields.append(HTTPField(name: rateLimitLimit, value: String(limit)))
        fields.append(HTTPField(name: rateLimitRemaining, value: String(remaining)))
        fields.append(HTTPField(name: rateLimitReset, value: String(reset)))
        return fields
    }

    func throttled(_ decision: TokenBucket.Decision, _ throttle: Throttle, operation: GatehouseSpec.Operation)
        -> GatewayAnswer
    {
        let retryAfter = max(1, Int(decision.retryAfter.rounded(.up)))
        var headers = HTTPFields()
        headers[.retryAfter] = String(retryAfter)
        headers.append(contentsOf: Self.headers(decision, throttle))
        if configuration.apiGatewayCompatible {
            var answer = GatewayAnswer.compatible(
                429, message: "Too Many Requests", type: "TooManyRequestsException", operationId: operation.id)
            answer.headers.append(contentsOf: headers)
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
        var headers = HTTPFields()
        headers[.retryAfter] = String(max(1, seconds))
        headers.append(contentsOf: Self.rateLimitHeaders(limit: quota.limit, remaining: 0, reset: seconds))
        let resets = Timestamps.string(resetsAt)
        if configuration.apiGatewayCompatible {
            var answer = GatewayAnswer.compatible(
                429, message: "Limit Exceeded", type: "LimitExceededException", operationId: operation.id)
            answer.headers.append(contentsOf: headers)
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

/// Logs a warning the first time a subject comes up, not on every request.
final class WarnOnce: @unchecked Sendable {
    // @unchecked: `seen` is only read and written under `lock`.
    private let lock = NSLock()
    private var seen = Set<String>()

    func first(_ subject: String) -> Bool {
        lock.withLock { seen.insert(subject).inserted }
    }
}
