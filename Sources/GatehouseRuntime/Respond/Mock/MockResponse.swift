import GatehouseSpec
package import GatehouseValidation
import HTTPTypes

/// A mock answer, ready to write: status, headers (with `Content-Type` when there is a body) and body bytes.
///
/// Bodies and header lists are built once when the engine starts and shared, so handing one out copies nothing.
package struct MockResponse: Sendable, Hashable {
    /// Where the body came from, for logs and tests.
    package enum Source: Sendable, Hashable {
        /// The named example of the media type (`default` for a lone `example`).
        case example(String)
        /// An instance synthesized from the schema, the same every time.
        case synthesized
        /// An instance synthesized and then varied for this request (`Prefer: dynamic=true`).
        case dynamic
        /// The response declares no content.
        case empty
        /// The operation's `x-amazon-apigateway-integration` of type `mock` gave the answer.
        case integration
        /// A problem detail the engine wrote because the contract cannot answer the request as asked.
        case problem
    }

    /// The HTTP status.
    package var status: Int
    /// `Content-Type` first when there is a body, then the declared headers, then `Preference-Applied`; the server
    /// adds its own (`Content-Length`, `X-Request-Id`, …).
    package var headers: [HeaderField] {
        didSet {
            fields = HTTPFields(headers)
            isJSON = Self.isJSON(headers)
        }
    }
    /// `headers` as the server writes them, made once when the answer is prepared.
    private(set) var fields: HTTPFields
    /// Whether the body is JSON (`Content-Type` a JSON media type), read once when the answer is prepared: a
    /// stateful answer puts its stored item in place of a JSON body only.
    private(set) var isJSON: Bool
    /// The body; empty when the response has none.
    package var body: [UInt8]
    /// Where the body came from.
    package var source: Source

    package init(status: Int, headers: [HeaderField], body: [UInt8], source: Source) {
        self.status = status
        self.headers = headers
        self.fields = HTTPFields(headers)
        self.isJSON = Self.isJSON(headers)
        self.body = body
        self.source = source
    }

    private static func isJSON(_ headers: [HeaderField]) -> Bool {
        guard let type = headers.value(for: "Content-Type") else { return false }
        return MediaTypeName(type)?.isJSON == true
    }

    /// The first value of a header, compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.value(for: name)
    }
}
