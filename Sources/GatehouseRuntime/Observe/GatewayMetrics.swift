import Foundation
import Metrics
import Prometheus

/// The gateway's Prometheus metrics, on a registry of its own (no global bootstrap, so several gateways can run in
/// one process): requests by operation and status, latency, validation failures.
final class GatewayMetrics: @unchecked Sendable {
    // @unchecked: the counter cache is only touched under `lock`; the registry and factory are Sendable.
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let lock = NSLock()
    private var requests: [String: Metrics.Counter] = [:]
    private var latencies: [String: Metrics.Timer] = [:]
    private var validationFailures: [String: Metrics.Counter] = [:]
    private var upstreamFailures: [String: Metrics.Counter] = [:]

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(500),
            .seconds(1), .seconds(5),
        ]
        self.factory = factory
    }

    func recordRequest(operation: String, status: Int, duration: Duration) {
        let key = "\(operation) \(status)"
        let (counter, timer) = lock.withLock { () -> (Metrics.Counter, Metrics.Timer) in
            if let counter = requests[key], let timer = latencies[operation] { return (counter, timer) }
            let counter =
                requests[key]
                ?? Metrics.Counter(
                    label: "gatehouse_requests_total",
                    dimensions: [("operation", operation), ("status", String(status))],
                    factory: factory
                )
            requests[key] = counter
            let timer =
                latencies[operation]
                ?? Metrics.Timer(
                    label: "gatehouse_request_duration_seconds",
                    dimensions: [("operation", operation)],
                    factory: factory
                )
            latencies[operation] = timer
            return (counter, timer)
        }
        counter.increment()
        timer.recordNanoseconds(
            Int64(duration.components.seconds) * 1_000_000_000 + Int64(duration.components.attoseconds / 1_000_000_000))
    }

    /// The request counter of an operation and status, made once.
    func counter(operation: String, status: Int) -> Metrics.Counter {
        let key = "\(operation) \(status)"
        return lock.withLock {
            if let counter = requests[key] { return counter }
            let counter = Metrics.Counter(
                label: "gatehouse_requests_total",
                dimensions: [("operation", operation), ("status", String(status))],
                factory: factory
            )
            requests[key] = counter
            return counter
        }
    }

    func recordValidationFailure(operation: String, part: String) {
        let key = "\(operation) \(part)"
        let counter = lock.withLock { () -> Metrics.Counter in
            if let counter = validationFailures[key] { return counter }
            let counter = Metrics.Counter(
                label: "gatehouse_validation_failures_total",
                dimensions: [("operation", operation), ("part", part)],
                factory: factory
            )
            validationFailures[key] = counter
            return counter
        }
        counter.increment()
    }

    /// `gatehouse_upstream_failures_total{operation, reason}`: `timeout`, `unreachable` or `truncated`.
    func recordUpstreamFailure(operation: String, reason: String) {
        let key = "\(operation) \(reason)"
        let counter = lock.withLock { () -> Metrics.Counter in
            if let counter = upstreamFailures[key] { return counter }
            let counter = Metrics.Counter(
                label: "gatehouse_upstream_failures_total",
                dimensions: [("operation", operation), ("reason", reason)],
                factory: factory
            )
            upstreamFailures[key] = counter
            return counter
        }
        counter.increment()
    }

    /// The counters and timer of one operation, made once when the contract is loaded so a request records its
    /// metrics without building a key.
    func operation(_ operationId: String) -> OperationMetrics {
        OperationMetrics(operationId: operationId, metrics: self)
    }

    /// The latency timer of an operation, shared by every `OperationMetrics` of it (across reloads).
    func timer(_ operation: String) -> Metrics.Timer {
        lock.withLock {
            if let timer = latencies[operation] { return timer }
            let timer = Metrics.Timer(
                label: "gatehouse_request_duration_seconds", dimensions: [("operation", operation)], factory: factory)
            latencies[operation] = timer
            return timer
        }
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
