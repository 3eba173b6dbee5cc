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

    /// True when the plan can refuse a call: it has a throttle, a quota or an operation's throttle.
    public var isLimited: Bool { throttle != nil || quota != nil || !operationThrottles.isEmpty }
}
