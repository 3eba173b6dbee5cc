import Foundation
import GatehouseSpec
import HTTPTypes
import Logging

/// The record stage of one operation (`--record`): the exchange as the client saw it, with credentials redacted
/// (`Authorization`, `Proxy-Authorization`, the contract's API-key headers, query parameters and cookies, and the
/// well-known key names), handed to the recorder.
struct RecordStage: Sendable {
    let recorder: ExchangeRecorder
    let redaction: ExchangeRedaction
    let operationId: String
    let logger: Logger

    func record(_ exchange: GatewayExchange, _ answer: GatewayAnswer, duration: Duration) async {
        let request = exchange.request
        var url = "http://" + (request.head.authority ?? "localhost") + exchange.path
        if !exchange.query.isEmpty { url += "?" + redaction.query(exchange.query) }
        // A HEAD answer goes out without the body a GET would get.
        let answerWithBody = request.method == .head ? nil : answer
        let entry = RecordedEntry(
            started: Date(timeIntervalSinceNow: -RecordedEntry.milliseconds(duration) / 1000),
            duration: duration,
            operationId: operationId,
            method: request.method.rawValue,
            url: url,
            requestHeaders: redaction.headers(exchange.headers),
            requestBody: exchange.body,
            requestBodyStreamed: exchange.bodyStream.map { RecordedEntry.StreamedBody(length: $0.length) },
            status: answer.status,
            responseHeaders: answer.headers.map { ($0.name.rawName, $0.value) },
            responseBody: answerWithBody.flatMap { $0.stream == nil && !$0.body.isEmpty ? $0.body : nil },
            responseBodyStreamed: answerWithBody?.stream.map { RecordedEntry.StreamedBody(length: $0.contentLength) }
        )
        if let error = await recorder.record(entry) {
            logger.error(
                "the exchange could not be recorded",
                metadata: ["file": .string(recorder.destination.path), "error": .string("\(error)")])
        }
    }
}

/// What `--record` hides: the values of credential-bearing headers, query parameters and cookies.
struct ExchangeRedaction: Sendable {
    static let redacted = "REDACTED"
    /// Lowercased header names.
    let headerNames: Set<String>
    /// Lowercased query parameter names.
    let queryNames: Set<String>
    let cookieNames: Set<String>

    init(model: APIModel, secretQueryNames: Set<String>) {
        var headers: Set<String> = ["authorization", "proxy-authorization", AccessPolicy.gatewayKeyHeader.lowercased()]
        var cookies: Set<String> = []
        for scheme in model.securitySchemes {
            switch scheme.kind {
            case .apiKey(let name, .header): headers.insert(name.lowercased())
            case .apiKey(let name, .cookie): cookies.insert(name)
            default: break
            }
        }
        self.headerNames = headers
        self.queryNames = secretQueryNames
        self.cookieNames = cookies
    }

    func headers(_ fields: HTTPFields) -> [(name: String, value: String)] {
        fields.map { field in
            let name = field.name.canonicalName
            if headerNames.contains(name) { return (field.name.rawName, Self.redacted) }
            if name == "cookie", !cookieNames.isEmpty { return (field.name.rawName, cookies(field.value)) }
            return (field.name.rawName, field.value)
        }
    }

    func query(_ query: String) -> String {
        PresentedCredentials.redactedQuery(query, secretNames: queryNames)
    }

    func cookies(_ value: String) -> String {
        value.split(separator: ";", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, cookieNames.contains(name) else { return String(pair) }
            return parts[0] + "=" + Self.redacted
        }.joined(separator: ";")
    }
}
