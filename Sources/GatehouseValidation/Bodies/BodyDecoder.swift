public import GatehouseJSON
public import GatehouseSpec

/// Decodes a request or response body into a JSON value for the schema validator, after choosing which of the
/// declared media types the `Content-Type` selects.
///
/// JSON (and `+json`), `application/x-www-form-urlencoded`, `multipart/form-data` (with `encoding`), XML (and `+xml`,
/// with the schema's `xml` objects), `text/*` and binary types are decoded. A `Content-Type` that is not declared
/// (keyword `content-type`, HTTP 415), a missing required body (`required-body`) and a body over the size limit
/// (`body-size`, HTTP 413) are issues, and so is every way the bytes can be malformed; nothing here crashes or hangs.
///
/// ```swift
/// let decoder = BodyDecoder(requestBody: operation.requestBody, document: model.document)
/// let early = decoder.admit(contentType: "application/json", contentLength: 1_000_000_000)  // refuse before reading
/// let decoded = decoder.decode(contentType: "application/json; charset=utf-8", body: Array(#"{"a":1}"#.utf8))
/// // decoded.value == {"a":1}, decoded.mediaType?.name == "application/json", decoded.issues == []
/// ```
public struct BodyDecoder: Sendable {
    /// Limits and options of the decoder.
    public struct Configuration: Sendable {
        /// Largest body accepted, in bytes; larger ones are refused without being read.
        public var maxBodyBytes: Int
        /// Deepest nesting of JSON arrays and objects accepted.
        public var maxJSONDepth: Int
        /// Deepest nesting of XML elements accepted.
        public var maxXMLDepth: Int
        /// Most parts accepted in a multipart body.
        public var maxMultipartParts: Int
        /// Where issues about the body are reported (`body`, or `response.body` for responses).
        public var location: String

        public init(
            maxBodyBytes: Int = 10 * 1024 * 1024, maxJSONDepth: Int = 128, maxXMLDepth: Int = 128,
            maxMultipartParts: Int = 1000, location: String = "body"
        ) {
            self.maxBodyBytes = maxBodyBytes
            self.maxJSONDepth = maxJSONDepth
            self.maxXMLDepth = maxXMLDepth
            self.maxMultipartParts = maxMultipartParts
            self.location = location
        }
    }

    /// What decoding a body gave.
    public struct Decoded: Sendable {
        /// The declared media type the `Content-Type` selected; nil when none did.
        public var mediaType: MediaType?
        /// The body as JSON; nil when there is no body or it could not be decoded.
        public var value: JSONValue?
        public var issues: [ValidationIssue]

        public init(mediaType: MediaType? = nil, value: JSONValue? = nil, issues: [ValidationIssue] = []) {
            self.mediaType = mediaType
            self.value = value
            self.issues = issues
        }
    }

    public let configuration: Configuration
    /// The declared media types, in document order.
    public let content: [MediaType]
    /// True when a body must be present.
    public let isRequired: Bool
    /// The schema shape of each entry of `content`.
    let shapes: [SchemaShape]

    /// A decoder for the media types of `content`.
    public init(
        content: [MediaType], required: Bool, document: SpecDocument, configuration: Configuration = Configuration()
    ) {
        self.configuration = configuration
        self.content = content
        self.isRequired = required
        self.shapes = content.map { SchemaShape($0.schema, in: document) }
    }

    /// A decoder for an operation's request body; for an operation without one there is nothing to decode, and a body
    /// sent anyway is ignored.
    public init(requestBody: RequestBody?, document: SpecDocument, configuration: Configuration = Configuration()) {
        self.init(
            content: requestBody?.content ?? [], required: requestBody?.required ?? false, document: document,
            configuration: configuration)
    }

    /// A decoder for a response's body.
    public init(response: Response, document: SpecDocument, configuration: Configuration = Configuration()) {
        self.init(content: response.content, required: false, document: document, configuration: configuration)
    }

    /// Checks what is known before the body is read: the `Content-Type` is declared and the `Content-Length` is
    /// within the limit. A server calls this first, so a 100 MB upload is refused without reading it.
    public func admit(contentType: String?, contentLength: Int?) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if let contentLength, contentLength > configuration.maxBodyBytes {
            issues.append(
                issue(
                    "body-size",
                    "expected a body of at most \(configuration.maxBodyBytes) bytes, found a Content-Length of \(contentLength) bytes"
                ))
        }
        if contentLength != 0, !content.isEmpty, let contentType, case .rejected(let problem) = select(contentType) {
            issues.append(problem)
        }
        return issues
    }

    /// Decodes a body that arrives in chunks, refusing it as soon as it passes the size limit (or before reading
    /// anything, when `contentLength` already says it is too large), so an oversized body is never held in memory.
    public func decode(
        contentType: String?, contentLength: Int? = nil, chunks: some Sequence<[UInt8]>
    ) -> Decoded {
        let early = admit(contentType: contentType, contentLength: contentLength)
        if !early.isEmpty { return Decoded(issues: early) }
        var body: [UInt8] = []
        for chunk in chunks {
            guard body.count + chunk.count <= configuration.maxBodyBytes else {
                return Decoded(
                    issues: [
                        issue(
                            "body-size",
                            "expected a body of at most \(configuration.maxBodyBytes) bytes, found more")
                    ])
            }
            body += chunk
        }
        return decode(contentType: contentType, body: body)
    }

    /// Decodes a body held in memory; nil or empty `body` means the message has none, except under a `Content-Type`
    /// of `application/x-www-form-urlencoded`: that is the form without fields (its required fields are missing).
    public func decode(contentType: String?, body: [UInt8]?) -> Decoded {
        let isEmptyForm =
            body?.isEmpty != false
            && contentType.flatMap(MediaTypeName.init)?.essence.lowercased() == "application/x-www-form-urlencoded"
        if isEmptyForm, !content.isEmpty, let contentType {
            return decodePresent([], contentType: contentType)
        }
        guard let body, !body.isEmpty else {
            if isRequired { return Decoded(issues: [issue("required-body", "expected a request body, found none")]) }
            return Decoded()
        }
        return decodePresent(body, contentType: contentType)
    }

    /// A body the message has (an empty form included), checked for size and decoded by its media type.
    private func decodePresent(_ body: [UInt8], contentType: String?) -> Decoded {
        guard body.count <= configuration.maxBodyBytes else {
            return Decoded(
                issues: [
                    issue(
                        "body-size",
                        "expected a body of at most \(configuration.maxBodyBytes) bytes, found \(body.count) bytes")
                ])
        }
        guard !content.isEmpty else { return Decoded() }
        guard let contentType else {
            return Decoded(
                issues: [
                    ValidationIssue(
                        location: "header.Content-Type", keyword: "content-type",
                        message: "expected a Content-Type header of \(declaredList), found none")
                ])
        }
        switch select(contentType) {
        case .rejected(let problem):
            return Decoded(issues: [problem])
        case .selected(let index, let actual):
            var decoded = decodeBody(body, as: actual, declared: content[index], shape: shapes[index])
            decoded.mediaType = content[index]
            return decoded
        }
    }

    func issue(_ keyword: String, _ message: String, at suffix: String = "") -> ValidationIssue {
        ValidationIssue(location: configuration.location + suffix, keyword: keyword, message: message)
    }

    /// Dispatches on the request's own media type (the declared one may be a range such as `*/*`).
    private func decodeBody(_ body: [UInt8], as actual: MediaTypeName, declared: MediaType, shape: SchemaShape)
        -> Decoded
    {
        if actual.isJSON { return decodeJSON(body, mediaType: actual) }
        switch actual.essence {
        case "application/x-www-form-urlencoded":
            return decodeForm(body, declared: declared, shape: shape)
        case "multipart/form-data":
            return decodeMultipart(body, mediaType: actual, declared: declared, shape: shape)
        case "application/xml", "text/xml":
            return decodeXML(body, shape: shape)
        default:
            if actual.suffix == "xml" { return decodeXML(body, shape: shape) }
            if actual.type == "text" { return decodeText(body, mediaType: actual) }
            return Decoded(value: binaryValue(body, shape: shape))
        }
    }
}
