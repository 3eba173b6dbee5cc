import Foundation
import Hummingbird
import Logging

/// One line per request: method, path and query (key-bearing parameters redacted), operation, status, latency and
/// request id (JSON with `--log-format json`).
struct AccessLog: Sendable {
    let logger: Logger
    let jsonLogs: Bool

    func record(
        _ request: Request, status: Int, operationId: String?, requestId: String, duration: Duration,
        redactedQuery: (String) -> String
    ) {
        guard logger.logLevel <= .info else { return }
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        let latency = String(format: "%.2f", milliseconds)
        let operation = operationId ?? "-"
        var target = request.uri.path
        if let query = request.uri.query, !query.isEmpty {
            target += "?" + redactedQuery(query)
        }
        if jsonLogs {
            logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue), "path": .string(target),
                    "operation": .string(operation), "status": .stringConvertible(status),
                    "latency_ms": .string(latency), "request_id": .string(requestId),
                ]
            )
        } else {
            logger.info("\(request.method.rawValue) \(target) \(operation) \(status) \(latency)ms id=\(requestId)")
        }
    }
}
