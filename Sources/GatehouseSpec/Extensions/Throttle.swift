/// A token bucket's parameters: `rate` requests per second on average, up to `burst` at once.
public struct Throttle: Sendable, Hashable {
    public var rate: Double
    public var burst: Int

    public init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = burst
    }
}
