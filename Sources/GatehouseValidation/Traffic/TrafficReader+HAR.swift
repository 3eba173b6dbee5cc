import Foundation
public import GatehouseJSON
public import GatehouseSpec

extension TrafficReader {
    /// HAR 1.2: `log.entries[].request` (`method`, `url`, `headers[]`, `postData.text`) and `.response` (`status`,
    /// `headers[]`, `content.text` with optional `encoding: base64`). A `content` without `text` whose `size` is
    /// above 0, a `postData` without `text` or `params` whose request's `bodySize` is above 0, or either with
    /// `"_bodyStreamed": true`, had a body that was not recorded.
    func readHAR(_ file: SourceFile, diagnostics initial: [Diagnostic]) -> Output {
        var diagnostics = initial
        var exchanges: [RecordedExchange] = []
        let logPointer = JSONPointer.root.appending("log")
        guard let entries = file.root["log"]?["entries"]?.arrayValue else {
            let found = file.root["log"] == nil ? "no 'log' member" : "a 'log' without an 'entries' array"
            diagnostics.append(
                Diagnostic(
                    .traffic,
                    "not a HAR 1.2 file: expected an object with 'log.entries', found \(found)",
                    at: file.location(of: file.root["log"] == nil ? .root : logPointer),
                    pointer: logPointer
                )
            )
            return Output(exchanges: [], diagnostics: diagnostics, bytes: file.bytes)
        }
        for (index, entry) in entries.enumerated() {
            let pointer = logPointer.appending("entries").appending(index)
            let location = file.location(of: pointer)
            switch harExchange(entry, index: index, location: location) {
            case .success(let exchange): exchanges.append(exchange)
            case .failure(let message):
                diagnostics.append(Diagnostic(.traffic, message.text, at: location, pointer: pointer))
            }
        }
        return Output(exchanges: exchanges, diagnostics: diagnostics, bytes: file.bytes)
    }

    func harExchange(_ entry: JSONValue, index: Int, location: SourceLocation) -> Result<RecordedExchange, Message> {
        guard let request = entry["request"]?.objectValue, let method = request["method"]?.stringValue,
            let url = request["url"]?.stringValue
        else {
            return .failure(Message("HAR entry \(index): expected 'request' with 'method' and 'url'"))
        }
        let requestHeaders: [HeaderField]
        switch harHeaders(request["headers"]) {
        case .success(let headers): requestHeaders = headers
        case .failure(let message): return .failure(Message("HAR entry \(index): request \(message.text)"))
        }
        let requestBody = request["postData"]?["text"]?.stringValue.map { Array($0.utf8) }
        // A `postData` without `text` or `params`: marked as streamed, or its size says there was a body.
        var requestBodyNotRecorded = false
        if requestBody == nil, let postData = request["postData"]?.objectValue, postData["params"] == nil {
            requestBodyNotRecorded =
                postData["_bodyStreamed"] == .bool(true) || (request["bodySize"]?.numberValue?.int64 ?? 0) > 0
        }
        var response: RecordedResponse?
        if let recorded = entry["response"]?.objectValue, let status = recorded["status"]?.numberValue?.int64,
            status > 0
        {
            let headers: [HeaderField]
            switch harHeaders(recorded["headers"]) {
            case .success(let parsed): headers = parsed
            case .failure(let message): return .failure(Message("HAR entry \(index): response \(message.text)"))
            }
            var body: [UInt8]?
            let content = recorded["content"]?.objectValue
            if let content, let text = content["text"]?.stringValue {
                if content["encoding"]?.stringValue == "base64" {
                    guard let data = Data(base64Encoded: text) else {
                        return .failure(Message("HAR entry \(index): response content is not valid base64"))
                    }
                    body = [UInt8](data)
                } else {
                    body = Array(text.utf8)
                }
            }
            response = RecordedResponse(status: Int(status), headers: headers, body: body)
            // No `text` for a body that had bytes: `gatehouse serve --record` marks one it streamed, and any HAR
            // exporter that kept only the size says so by `size`.
            if body == nil, let content {
                response?.bodyNotRecorded =
                    content["_bodyStreamed"] == .bool(true) || (content["size"]?.numberValue?.int64 ?? 0) > 0
            }
        }
        var recordedRequest = RecordedRequest(
            method: method.uppercased(), url: url, headers: requestHeaders, body: requestBody)
        recordedRequest.bodyNotRecorded = requestBodyNotRecorded
        return .success(
            RecordedExchange(index: index, location: location, request: recordedRequest, response: response)
        )
    }

    /// HAR headers: `[{"name": …, "value": …}]`. HTTP/2 pseudo-headers (`:authority`) are dropped.
    func harHeaders(_ value: JSONValue?) -> Result<[HeaderField], Message> {
        guard let value else { return .success([]) }
        guard let array = value.arrayValue else { return .failure(Message("'headers' must be an array")) }
        var headers: [HeaderField] = []
        for element in array {
            guard let name = element["name"]?.stringValue, let headerValue = element["value"]?.stringValue else {
                return .failure(Message("headers must be objects with string 'name' and 'value'"))
            }
            if name.hasPrefix(":") { continue }
            headers.append(HeaderField(name: name, value: headerValue))
        }
        return .success(headers)
    }
}
