import Foundation
import GatehouseJSON
import HTTPTypes

/// One exchange as `--record` writes it: a JSON line in the shape `gatehouse validate --traffic` reads
/// (`{"request": {"method", "url", "headers", "body", "bodyEncoding"}, "response": {"status", "headers", "body"}}`),
/// or a HAR 1.2 entry. Secrets are already redacted when an entry is made.
///
/// A streamed body is not recorded: a backend's answer past the buffer limit (the entry is written before it goes
/// out) or a request body of a media type the contract does not look into (it went to the backend as it arrived);
/// holding either would cost the memory streaming saves. The entry says so instead, so `gatehouse validate` reports
/// the body as not checked rather than as missing: `"bodyStreamed": true` (and `"bodySize"` when the length is
/// known) in a JSON line's `request` or `response`; in HAR, a `postData` or `content` without `text`, with a
/// `comment` and `"_bodyStreamed": true`, and the length as `bodySize` (and `content.size`), -1 when unknown.
struct RecordedEntry: Sendable {
    var started: Date
    var duration: Duration
    var operationId: String
    var method: String
    /// The URL the caller asked for (`http://host/base/pets?limit=2`).
    var url: String
    var requestHeaders: [(name: String, value: String)]
    /// Nil when the request had none, or it was streamed (`requestBodyStreamed`).
    var requestBody: [UInt8]?
    var requestBodyStreamed: StreamedBody?
    var status: Int
    var responseHeaders: [(name: String, value: String)]
    /// Nil when the answer had none, or was streamed past the buffer limit (`responseBodyStreamed`).
    var responseBody: [UInt8]?
    var responseBodyStreamed: StreamedBody?

    /// A body that went through without being held, so it is not in the record.
    struct StreamedBody: Sendable {
        /// From `Content-Length`, when the sender gave one.
        var length: Int?
    }

    static let streamedRequestComment = "not recorded: a streamed body, not held by the gateway"
    static let streamedResponseComment = "not recorded: streamed to the client past the gateway's buffer limit"

    /// The JSON line, without its newline.
    var jsonLine: String {
        var request = JSONObject()
        request["method"] = .string(method)
        request["url"] = .string(url)
        request["headers"] = .object(Self.headerObject(requestHeaders))
        Self.addBody(requestBody, to: &request)
        Self.addStreamed(requestBodyStreamed, to: &request)
        var response = JSONObject()
        response["status"] = .number(JSONNumber(status))
        response["headers"] = .object(Self.headerObject(responseHeaders))
        Self.addBody(responseBody, to: &response)
        Self.addStreamed(responseBodyStreamed, to: &response)
        var line = JSONObject()
        line["time"] = .string(Self.timestamp(started))
        line["operationId"] = .string(operationId)
        line["durationMs"] = .number(JSONNumber(Self.milliseconds(duration)))
        line["request"] = .object(request)
        line["response"] = .object(response)
        return JSONWriter.string(.object(line))
    }

    /// The HAR 1.2 entry.
    var harEntry: String {
        var request = JSONObject()
        request["method"] = .string(method)
        request["url"] = .string(url)
        request["httpVersion"] = .string("HTTP/1.1")
        request["cookies"] = .array([])
        request["headers"] = .array(requestHeaders.map(Self.harHeader))
        request["queryString"] = .array(Self.queryPairs(of: url).map(Self.harHeader))
        if let requestBody {
            var postData = JSONObject()
            postData["mimeType"] = .string(Self.value(of: "content-type", in: requestHeaders) ?? "")
            // HAR's postData has no encoding: a body that is not UTF-8 text is left out (its size says it was there).
            if let text = String(validating: requestBody, as: UTF8.self) { postData["text"] = .string(text) }
            request["postData"] = .object(postData)
        } else if requestBodyStreamed != nil {
            var postData = JSONObject()
            postData["mimeType"] = .string(Self.value(of: "content-type", in: requestHeaders) ?? "")
            postData["comment"] = .string(Self.streamedRequestComment)
            postData["_bodyStreamed"] = .bool(true)
            request["postData"] = .object(postData)
        }
        request["headersSize"] = .number(JSONNumber(-1))
        let requestSize = requestBody?.count ?? requestBodyStreamed.map { $0.length ?? -1 } ?? 0
        request["bodySize"] = .number(JSONNumber(requestSize))
        let bodySize = responseBody?.count ?? responseBodyStreamed?.length ?? -1
        var content = JSONObject()
        content["size"] = .number(JSONNumber(bodySize))
        content["mimeType"] = .string(Self.value(of: "content-type", in: responseHeaders) ?? "")
        if let responseBody {
            if let text = String(validating: responseBody, as: UTF8.self) {
                content["text"] = .string(text)
            } else {
                content["text"] = .string(Data(responseBody).base64EncodedString())
                content["encoding"] = .string("base64")
            }
        }
        if responseBodyStreamed != nil {
            content["comment"] = .string(Self.streamedResponseComment)
            content["_bodyStreamed"] = .bool(true)
        }
        var response = JSONObject()
        response["status"] = .number(JSONNumber(status))
        response["statusText"] = .string(HTTPResponse.Status(code: status).reasonPhrase)
        response["httpVersion"] = .string("HTTP/1.1")
        response["cookies"] = .array([])
        response["headers"] = .array(responseHeaders.map(Self.harHeader))
        response["content"] = .object(content)
        response["redirectURL"] = .string("")
        response["headersSize"] = .number(JSONNumber(-1))
        response["bodySize"] = .number(JSONNumber(bodySize))
        let milliseconds = Self.milliseconds(duration)
        var entry = JSONObject()
        entry["startedDateTime"] = .string(Self.timestamp(started))
        entry["time"] = .number(JSONNumber(milliseconds))
        entry["request"] = .object(request)
        entry["response"] = .object(response)
        entry["cache"] = .object(JSONObject())
        entry["timings"] = .object(
            JSONObject([
                "send": .number(JSONNumber(0)), "wait": .number(JSONNumber(milliseconds)),
                "receive": .number(JSONNumber(0)),
            ]))
        entry["_operationId"] = .string(operationId)
        return JSONWriter.string(.object(entry))
    }

    /// `{"Name": "value"}`, or `{"Name": ["a", "b"]}` for a repeated field.
    static func headerObject(_ headers: [(name: String, value: String)]) -> JSONObject {
        var object = JSONObject()
        for (name, value) in headers {
            switch object[name] {
            case nil: object[name] = .string(value)
            case .string(let earlier): object[name] = .array([.string(earlier), .string(value)])
            case .array(let earlier): object[name] = .array(earlier + [.string(value)])
            default: break
            }
        }
        return object
    }

    /// A body as text when it is UTF-8, else base64 with `"bodyEncoding": "base64"`.
    static func addBody(_ body: [UInt8]?, to object: inout JSONObject) {
        guard let body else { return }
        if let text = String(validating: body, as: UTF8.self) {
            object["body"] = .string(text)
        } else {
            object["body"] = .string(Data(body).base64EncodedString())
            object["bodyEncoding"] = .string("base64")
        }
    }

    /// `"bodyStreamed": true`, with `"bodySize"` when the length is known, for a body that is not recorded.
    static func addStreamed(_ streamed: StreamedBody?, to object: inout JSONObject) {
        guard let streamed else { return }
        object["bodyStreamed"] = .bool(true)
        if let length = streamed.length { object["bodySize"] = .number(JSONNumber(length)) }
    }

    static func harHeader(_ pair: (name: String, value: String)) -> JSONValue {
        .object(JSONObject(["name": .string(pair.name), "value": .string(pair.value)]))
    }

    static func value(of name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    static func queryPairs(of url: String) -> [(name: String, value: String)] {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (PresentedCredentials.decode(parts[0]), parts.count > 1 ? PresentedCredentials.decode(parts[1]) : "")
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return (milliseconds * 1000).rounded() / 1000
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
