import Foundation
public import GatehouseJSON
public import GatehouseSpec

/// Reads recorded traffic: HAR 1.2 logs (what browsers, proxies and API clients export) and JSON lines, one exchange
/// a line (`{"request": {"method", "url", "headers", "body", "bodyEncoding"}, "response": {"status", …}}`). A
/// request or response with `"bodyStreamed": true` and no `body` had one that was not recorded.
///
/// Problems are diagnostics at `file:line:col` of the traffic file; a malformed exchange is skipped and the rest
/// are still read.
public struct TrafficReader: Sendable {
    public init() {}

    public struct Output: Sendable {
        public var exchanges: [RecordedExchange]
        public var diagnostics: [Diagnostic]
        /// The traffic file's bytes, for quoting lines in diagnostics.
        public var bytes: [UInt8]
    }

    /// Reads a traffic file; the format is HAR when the file is one JSON object with `log`, else JSON lines.
    public func read(bytes: [UInt8], path: String) -> Output {
        let firstByte = bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        let lowercased = path.lowercased()
        if lowercased.hasSuffix(".har") || (firstByte == UInt8(ascii: "{") && !lowercased.hasSuffix(".jsonl")) {
            let (parsed, diagnostics) = SpecFileReader().parse(bytes, path: path)
            if let parsed, parsed.root["log"] != nil || lowercased.hasSuffix(".har") {
                return readHAR(parsed, diagnostics: diagnostics)
            }
            if lowercased.hasSuffix(".har") {
                return Output(exchanges: [], diagnostics: diagnostics, bytes: bytes)
            }
        }
        return readJSONLines(bytes, path: path)
    }

    // MARK: JSON lines

    func readJSONLines(_ bytes: [UInt8], path: String) -> Output {
        var exchanges: [RecordedExchange] = []
        var diagnostics: [Diagnostic] = []
        var lineNumber = 0
        var index = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let text = Array(line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...])
            guard text.contains(where: { !($0 == 0x20 || $0 == 0x09) }) else { continue }
            let location = SourceLocation(file: path, line: lineNumber, column: 1)
            let value: JSONValue
            do {
                value = try JSONParser.parse(text)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .traffic,
                        "exchange \(index) is not valid JSON: \(error.message)",
                        at: SourceLocation(file: path, line: lineNumber, column: error.column)
                    )
                )
                index += 1
                continue
            }
            switch exchange(fromLine: value, index: index, location: location) {
            case .success(let exchange): exchanges.append(exchange)
            case .failure(let message): diagnostics.append(Diagnostic(.traffic, message.text, at: location))
            }
            index += 1
        }
        if exchanges.isEmpty && diagnostics.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .traffic, "the traffic file has no exchanges", at: SourceLocation(file: path, line: 1, column: 1))
            )
        }
        return Output(exchanges: exchanges, diagnostics: diagnostics, bytes: bytes)
    }

    func exchange(fromLine value: JSONValue, index: Int, location: SourceLocation) -> Result<RecordedExchange, Message>
    {
        guard let object = value.objectValue else {
            return .failure(Message("exchange \(index): expected an object with 'request', found \(value.typeName)"))
        }
        guard let request = object["request"]?.objectValue else {
            return .failure(Message("exchange \(index): missing 'request' object"))
        }
        guard let method = request["method"]?.stringValue, let url = request["url"]?.stringValue else {
            return .failure(Message("exchange \(index): 'request' needs string 'method' and 'url'"))
        }
        var recordedRequest: RecordedRequest
        switch (headerMap(request["headers"]), body(request, index: index, part: "request")) {
        case (.failure(let message), _), (_, .failure(let message)):
            return .failure(Message("exchange \(index): request \(message.text)"))
        case (.success(let headers), .success(let body)):
            recordedRequest = RecordedRequest(method: method.uppercased(), url: url, headers: headers, body: body)
            recordedRequest.bodyNotRecorded = body == nil && request["bodyStreamed"] == .bool(true)
        }
        var recordedResponse: RecordedResponse?
        if let response = object["response"], response != .null {
            guard let responseObject = response.objectValue, let status = responseObject["status"]?.numberValue?.int64
            else {
                return .failure(Message("exchange \(index): 'response' needs an integer 'status'"))
            }
            switch (headerMap(responseObject["headers"]), body(responseObject, index: index, part: "response")) {
            case (.failure(let message), _), (_, .failure(let message)):
                return .failure(Message("exchange \(index): response \(message.text)"))
            case (.success(let headers), .success(let body)):
                recordedResponse = RecordedResponse(status: Int(status), headers: headers, body: body)
                recordedResponse?.bodyNotRecorded = body == nil && responseObject["bodyStreamed"] == .bool(true)
            }
        }
        return .success(
            RecordedExchange(index: index, location: location, request: recordedRequest, response: recordedResponse)
        )
    }

    /// `{"Name": "value"}` (or `{"Name": ["a", "b"]}` for repeated headers).
    func headerMap(_ value: JSONValue?) -> Result<[HeaderField], Message> {
        guard let value, value != .null else { return .success([]) }
        guard let object = value.objectValue else {
            return .failure(Message("'headers' must be an object of names to strings"))
        }
        var headers: [HeaderField] = []
        for member in object {
            switch member.value {
            case .string(let text):
                headers.append(HeaderField(name: member.key, value: text))
            case .array(let values) where values.allSatisfy({ $0.stringValue != nil }):
                headers += values.compactMap(\.stringValue).map { HeaderField(name: member.key, value: $0) }
            default:
                return .failure(Message("header '\(member.key)' must be a string, found \(member.value.typeName)"))
            }
        }
        return .success(headers)
    }

    /// `body` as text, or base64 with `"bodyEncoding": "base64"`.
    func body(_ object: JSONObject, index: Int, part: String) -> Result<[UInt8]?, Message> {
        guard let body = object["body"], body != .null else { return .success(nil) }
        guard let text = body.stringValue else {
            return .failure(Message("'body' must be a string (raw text, or base64 with \"bodyEncoding\": \"base64\")"))
        }
        switch object["bodyEncoding"]?.stringValue {
        case nil, "utf8", "text":
            return .success(Array(text.utf8))
        case "base64":
            guard let data = Data(base64Encoded: text) else { return .failure(Message("'body' is not valid base64")) }
            return .success([UInt8](data))
        case let other?:
            return .failure(Message("unknown 'bodyEncoding' '\(other)'; expected 'base64'"))
        }
    }

    /// A message for a diagnostic, as an `Error` so it can travel in a `Result`.
    struct Message: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }
}
