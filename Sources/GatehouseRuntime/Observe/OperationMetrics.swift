import Foundation
import Metrics

/// One operation's metrics, prepared when the contract is loaded: its latency timer, its request counters by status
/// (made on first use of a status), and its validation-failure counters.
final class OperationMetrics: @unchecked Sendable {
    // @unchecked: `counters` is only read and written under `lock`; the metrics objects are Sendable.
    let operationId: String
    let metrics: GatewayMetrics
    let timer: Metrics.Timer
    private let lock = NSLock()
    private var counters: [Int: Metrics.Counter] = [:]

    init(operationId: String, metrics: GatewayMetrics) {
        self.operationId = operationId
        self.metrics = metrics
        self.timer = metrics.timer(operationId)
    }

    func recordRequest(status: Int, duration: Duration) {
        let counter =
            lock.withLock { counters[status] }
            ?? {
                let made = metrics.counter(operation: operationId, status: status)
                lock.withLock { counters[status] = made }
                return made
            }()
        counter.increment()
        timer.recordNanoseconds(
            Int64(duration.components.seconds) * 1_000_000_000 + Int64(duration.components.attoseconds / 1_000_000_000))
    }

    func recordValidationFailure(part: String) {
        metrics.recordValidationFailure(operation: operationId, part: part)
    }

    /// A backend that timed out, could not be reached, or cut its answer short.
    func recordUpstreamFailure(_ kind: UpstreamFailure.Kind) {
        metrics.recordUpstreamFailure(operation: operationId, reason: kind.rawValue)
    }
}
