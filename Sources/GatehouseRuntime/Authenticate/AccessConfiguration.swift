public import Foundation
public import GatehouseSpec

/// How the gateway checks callers and meters them: whether the contract's security is enforced, the answer style
/// of refusals, bearer-token verification, the usage plans and the clock they run on.
public struct AccessConfiguration: Sendable {
    /// Whether security requirements are enforced (`gatehouse serve --no-auth` turns it off; metering of anonymous
    /// calls still applies).
    public var enforcesSecurity: Bool
    /// Answer refusals as a managed gateway does (`403 {"message":"Forbidden"}`) rather than with problem+json.
    public var apiGatewayCompatible: Bool
    /// Verifies bearer JWTs; without one a bearer token is only checked for presence and format.
    public var jwtVerifier: JWTVerifier?
    /// Usage plans that replace the contract's `x-gatehouse-usage-plans` (`--usage-plans FILE`).
    public var usagePlans: UsagePlans?
    /// A throttle for anonymous calls that replaces the plans' `anonymous`.
    public var anonymousThrottle: Throttle?
    /// The clock of token buckets, quota periods, key-cache expiry and JWT checks.
    public var clock: any MeteringClock
    /// How long a key lookup is remembered: a revoked key is refused at most this long after `keys revoke`.
    public var keyCacheTimeToLive: TimeInterval
    /// How many key lookups are remembered, found or not.
    public var keyCacheCapacity: Int
    /// How often usage counts are added to the store (and at shutdown): the most a quota can be overrun by other
    /// instances sharing the store, and the counts a crash can lose.
    public var usageFlushInterval: Duration

    public init(
        enforcesSecurity: Bool = true,
        apiGatewayCompatible: Bool = false,
        jwtVerifier: JWTVerifier? = nil,
        usagePlans: UsagePlans? = nil,
        anonymousThrottle: Throttle? = nil,
        clock: any MeteringClock = SystemClock(),
        keyCacheTimeToLive: TimeInterval = 0.5,
        keyCacheCapacity: Int = 10_000,
        usageFlushInterval: Duration = .milliseconds(100)
    ) {
        self.enforcesSecurity = enforcesSecurity
        self.apiGatewayCompatible = apiGatewayCompatible
        self.jwtVerifier = jwtVerifier
        self.usagePlans = usagePlans
        self.anonymousThrottle = anonymousThrottle
        self.clock = clock
        self.keyCacheTimeToLive = keyCacheTimeToLive
        self.keyCacheCapacity = keyCacheCapacity
        self.usageFlushInterval = usageFlushInterval
    }
}
