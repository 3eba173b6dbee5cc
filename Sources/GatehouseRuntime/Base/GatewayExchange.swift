import GatehouseJSON
import GatehouseValidation
import HTTPTypes
import Hummingbird
import NIOCore

/// One request on its way through the pipeline: what arrived, and what each stage has found out so far. Stages read
/// it and add to it in order (route → authenticate → meter → limit → decode → respond), so nothing is looked up or
/// parsed twice.
struct GatewayExchange: Sendable {
    /// The request as Hummingbird received it; its body stream is read once, by the limit stage.
    let request: Request
    /// The caller's `X-Request-Id` when sane, else a new one; echoed on the answer and logged.
    let requestId: String
    /// When the gateway began with the request (the record's duration).
    let start = ContinuousClock.now
    /// The caller's connection; its address is read only when a backend is called (`X-Forwarded-For`).
    var channel: (any Channel)?

    /// Route: the index of the operation the path and method matched (in the contract's operations), and the raw
    /// path parameters.
    var operationIndex = -1
    var captures: [String: String] = [:]
    /// Authenticate: who is calling.
    var caller: Caller = .anonymous
    /// Meter: headers every answer of this request carries (`RateLimit-*`).
    var meteringHeaders = HTTPFields()
    /// Limit: the body bytes, read within the size limit; nil when the request has none.
    var body: [UInt8]?
    /// Limit: the body left unread, to be streamed to the backend, for an operation whose bodies are not looked
    /// into (`StreamedRequestBody`).
    var bodyStream: StreamedRequestBody?
    /// Decode: the parameters and body as JSON values, decoded once and handed to the responder.
    var decoded = DecodedRequest()

    /// Whether a body follows the head (a length above zero, or a chunked body).
    let hasBody: Bool

    init(request: Request, requestId: String) {
        self.request = request
        self.requestId = requestId
        self.hasBody = Self.hasBody(request.headers)
    }

    /// Whether a body follows a head with these fields: a length above zero, or a chunked body.
    static func hasBody(_ fields: HTTPFields) -> Bool {
        if let length = fields.firstValue(.contentLength) { return length != "0" }
        return fields.contains(.transferEncoding)
    }

    /// The raw query string, without `?`; empty when there is none.
    var query: String { request.uri.query ?? "" }

    /// The request path as received (percent-encoded).
    var path: String { request.uri.path }

    var headers: HTTPFields { request.headers }
}

/// Who passed authentication.
enum Caller: Sendable {
    /// No credential was needed (or checked); metered by the anonymous throttle.
    case anonymous
    /// A key of the store; metered by its plan.
    case key(APIKey)
    /// A bearer token, with its claims when it was verified; not metered (plans attach to API keys; basic
    /// credentials are a key's name and secret).
    case bearer(claims: JSONObject?)

    /// The caller as a handler sees it; nil when anonymous.
    var principal: Principal? {
        switch self {
        case .anonymous: return nil
        case .key(let key): return .apiKey(name: key.name, plan: key.plan)
        case .bearer(let claims): return .bearer(claims: claims)
        }
    }
}
