import Foundation
import HTTPTypes
import Hummingbird
import Logging

extension GatewayResponder {
    static let requestIdField = HTTPField.Name("X-Request-Id")!

    /// The caller's `X-Request-Id` when it is a sane token (printable, at most 128 characters), else a new UUID.
    static func requestId(from header: String?) -> String {
        if let header, !header.isEmpty, header.count <= 128,
            header.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        {
            return header
        }
        return UUID().uuidString.lowercased()
    }

    static func makeResponse(_ answer: GatewayAnswer) -> Response {
        var fields = HTTPFields()
        for header in answer.headers {
            guard let name = HTTPField.Name(header.name) else { continue }
            fields.append(HTTPField(name: name, value: header.value))
        }
        let status = HTTPResponse.Status(code: answer.status)
        guard !answer.body.isEmpty else { return Response(status: status, headers: fields) }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Header values cannot carry line breaks or control characters; anything else is kept.
    static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// One line per request: method, path and query (key-bearing parameters redacted), operation, status, latency and
    /// request id (JSON with `--log-format json`).
    func accessLog(
        _ request: Request, answer: GatewayAnswer, requestId: String, duration: Duration, secrets: AccessPolicy
    ) {
        guard logger.logLevel <= .info else { return }
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        let latency = String(format: "%.2f", milliseconds)
        let operation = answer.operationId ?? "-"
        var target = request.uri.path
        if let query = request.uri.query, !query.isEmpty {
            target += "?" + PresentedCredentials.redactedQuery(query, secretNames: secrets.secretQueryNames)
        }
        if configuration.jsonLogs {
            logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue), "path": .string(target),
                    "operation": .string(operation), "status": .stringConvertible(answer.status),
                    "latency_ms": .string(latency), "request_id": .string(requestId),
                ]
            )
        } else {
            logger.info(
                "\(request.method.rawValue) \(target) \(operation) \(answer.status) \(latency)ms id=\(requestId)"
            )
        }
    }
}
