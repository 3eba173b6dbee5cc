import GatehouseJSON

extension ClientSupportSources {
    static let parameterCoding = #"""
        import Foundation

        /// How a parameter is serialized, as the contract's `style` says.
        public enum ParameterStyle: String, Sendable {
            case simple, label, matrix, form, spaceDelimited, pipeDelimited, deepObject
        }

        /// Serializes parameters in the styles OpenAPI defines (RFC 6570 expansions), and reads header values back.
        public enum ParameterCoding {
            /// A value flattened to the strings a style joins.
            enum Flat {
                case primitive(String)
                case array([String])
                case object([(key: String, value: String)])
            }

            static func flatten<T: Encodable>(_ value: T) throws -> Flat? {
                let data = try JSONCoding.makeEncoder().encode(value)
                let json = try JSONCoding.makeDecoder().decode(JSONValue.self, from: data)
                switch json {
                case .null:
                    return nil
                case .array(let items):
                    return .array(items.map(text))
                case .object(let members):
                    return .object(members.keys.sorted().map { (key: $0, value: text(members[$0] ?? .null)) })
                default:
                    return .primitive(text(json))
                }
            }

            static func text(_ value: JSONValue) -> String {
                switch value {
                case .null: return ""
                case .bool(let value): return value ? "true" : "false"
                case .integer(let value): return String(value)
                case .number(let value):
                    return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
                case .string(let value): return value
                case .array, .object:
                    let data = (try? JSONCoding.makeEncoder().encode(value)) ?? Data()
                    return String(decoding: data, as: UTF8.self)
                }
            }

            /// The text of a path template variable.
            public static func path<T: Encodable>(_ value: T, name: String, style: ParameterStyle, explode: Bool) throws
                -> String
            {
                guard let flat = try flatten(value) else { return "" }
                let escape = { (text: String) in percentEncoded(text, allowReserved: false) }
                switch style {
                case .label:
                    switch flat {
                    case .primitive(let value): return "." + escape(value)
                    case .array(let items): return "." + items.map(escape).joined(separator: explode ? "." : ",")
                    case .object(let members):
                        return "."
                            + (explode
                                ? members.map { escape($0.key) + "=" + escape($0.value) }.joined(separator: ".")
                                : members.flatMap { [escape($0.key), escape($0.value)] }.joined(separator: ","))
                    }
                case .matrix:
                    let prefix = ";" + escape(name)
                    switch flat {
                    case .primitive(let value): return value.isEmpty ? prefix : prefix + "=" + escape(value)
                    case .array(let items):
                        return explode
                            ? items.map { prefix + "=" + escape($0) }.joined()
                            : prefix + "=" + items.map(escape).joined(separator: ",")
                    case .object(let members):
                        return explode
                            ? members.map { ";" + escape($0.key) + "=" + escape($0.value) }.joined()
                            : prefix + "=" + members.flatMap { [escape($0.key), escape($0.value)] }.joined(separator: ",")
                    }
                default:
                    return simple(flat, explode: explode, escape: escape)
                }
            }

            /// The value of a header parameter (`simple` style), or nil when there is nothing to send.
            public static func header<T: Encodable>(_ value: T, explode: Bool) throws -> String? {
                guard let flat = try flatten(value) else { return nil }
                return simple(flat, explode: explode) { $0 }
            }

            /// A cookie parameter as `name=value` (`form` style), or nil when there is nothing to send.
            public static func cookie<T: Encodable>(_ value: T, name: String, explode: Bool) throws -> String? {
                guard let flat = try flatten(value) else { return nil }
                let escape = { (text: String) in percentEncoded(text, allowReserved: false) }
                switch flat {
                case .primitive(let value): return name + "=" + escape(value)
                case .array(let items) where explode: return items.map { name + "=" + escape($0) }.joined(separator: "; ")
                case .object(let members) where explode:
                    return members.map { escape($0.key) + "=" + escape($0.value) }.joined(separator: "; ")
                default: return name + "=" + simple(flat, explode: false, escape: escape)
                }
            }

            /// A parameter described by a JSON media type: the value as JSON text, or nil when there is none.
            public static func jsonText<T: Encodable>(_ value: T?) throws -> String? {
                guard let value else { return nil }
                return String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self)
            }

            static func simple(_ flat: Flat, explode: Bool, escape: (String) -> String) -> String {
                switch flat {
                case .primitive(let value): return escape(value)
                case .array(let items): return items.map(escape).joined(separator: ",")
                case .object(let members):
                    return explode
                        ? members.map { escape($0.key) + "=" + escape($0.value) }.joined(separator: ",")
                        : members.flatMap { [escape($0.key), escape($0.value)] }.joined(separator: ",")
                }
            }

            /// Percent-encodes everything but unreserved characters (and, with `allowReserved`, RFC 3986 reserved ones
            /// that do not delimit query pairs).
            public static func percentEncoded(_ text: String, allowReserved: Bool) -> String {
                var result = ""
                for byte in text.utf8 {
                    let scalar = Unicode.Scalar(byte)
                    let unreserved =
                        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                        || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
                    let reserved = allowReserved && ":/?@!$'()*,;".unicodeScalars.contains(scalar)
                    if unreserved || reserved {
                        result.unicodeScalars.append(scalar)
                    } else {
                        let hex = String(byte, radix: 16, uppercase: true)
                        result += "%" + (hex.count == 1 ? "0" + hex : hex)
                    }
                }
                return result
            }

            /// Reads a header value into `T`: as a JSON string first, then as a JSON literal (numbers, booleans).
            public static func decodeHeader<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
                let decoder = JSONCoding.makeDecoder()
                let quoted = try JSONCoding.makeEncoder().encode(text)
                if let value = try? decoder.decode(T.self, from: quoted) { return value }
                return try decoder.decode(T.self, from: Data(text.utf8))
            }

            /// Reads a comma-separated header value into an array.
            public static func decodeHeaderArray<T: Decodable>(_ type: T.Type, from text: String) throws -> [T] {
                try text.split(separator: ",").map {
                    try decodeHeader(T.self, from: $0.trimmingCharacters(in: .whitespaces))
                }
            }
        }

        /// The query string of a request, built one parameter at a time.
        public struct QueryItems: Sendable {
            /// `name=value` pairs, already percent-encoded.
            public private(set) var pairs: [String] = []

            public init() {}

            /// Appends a parameter in its style; nil appends nothing.
            public mutating func append<T: Encodable>(
                _ value: T?, name: String, style: ParameterStyle, explode: Bool, allowReserved: Bool = false
            ) throws {
                guard let value, let flat = try ParameterCoding.flatten(value) else { return }
                let escape = { (text: String) in ParameterCoding.percentEncoded(text, allowReserved: allowReserved) }
                let key = escape(name)
                switch (style, flat) {
                case (_, .primitive(let value)):
                    pairs.append(key + "=" + escape(value))
                case (.deepObject, .object(let members)):
                    pairs += members.map { key + "%5B" + escape($0.key) + "%5D=" + escape($0.value) }
                case (_, .array(let items)) where explode:
                    pairs += items.map { key + "=" + escape($0) }
                case (_, .array(let items)):
                    let separator = style == .spaceDelimited ? "%20" : style == .pipeDelimited ? "%7C" : ","
                    pairs.append(key + "=" + items.map(escape).joined(separator: separator))
                case (_, .object(let members)) where explode:
                    pairs += members.map { escape($0.key) + "=" + escape($0.value) }
                case (_, .object(let members)):
                    pairs.append(key + "=" + members.flatMap { [escape($0.key), escape($0.value)] }.joined(separator: ","))
                }
            }

            /// Appends an already serialized pair (an API key).
            public mutating func append(rawName name: String, value: String) {
                pairs.append(
                    ParameterCoding.percentEncoded(name, allowReserved: false) + "="
                        + ParameterCoding.percentEncoded(value, allowReserved: false))
            }

            /// The pairs joined with `&`; empty when there are none.
            public var encoded: String { pairs.joined(separator: "&") }
        }
        """#

    static let httpTransport = #"""
        import Foundation
        #if canImport(FoundationNetworking)
            import FoundationNetworking
        #endif

        /// A header field of a request or response.
        public struct HTTPHeaderField: Hashable, Sendable {
            public var name: String
            public var value: String

            public init(name: String, value: String) {
                self.name = name
                self.value = value
            }
        }

        /// A request as the client hands it to its transport.
        public struct HTTPRequest: Hashable, Sendable {
            public var method: String
            public var url: URL
            public var headerFields: [HTTPHeaderField]
            public var body: Data?

            public init(method: String, url: URL, headerFields: [HTTPHeaderField] = [], body: Data? = nil) {
                self.method = method
                self.url = url
                self.headerFields = headerFields
                self.body = body
            }
        }

        /// A response as the transport returns it.
        public struct HTTPResponse: Hashable, Sendable {
            public var statusCode: Int
            public var headerFields: [HTTPHeaderField]
            public var body: Data

            public init(statusCode: Int, headerFields: [HTTPHeaderField] = [], body: Data = Data()) {
                self.statusCode = statusCode
                self.headerFields = headerFields
                self.body = body
            }

            /// The values of the fields named `name` (case-insensitive) joined with `, `; nil when there are none.
            public func value(forHeader name: String) -> String? {
                let values = headerFields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
                return values.isEmpty ? nil : values.joined(separator: ", ")
            }

            /// The media type of the body, lowercased, without parameters.
            public var mediaType: String? {
                value(forHeader: "Content-Type").map {
                    String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                }
            }
        }

        /// Sends requests: `URLSessionTransport` by default; inject another one to test or to add retries and logging.
        public protocol HTTPTransport: Sendable {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse
        }

        /// The default transport, on `URLSession`.
        public struct URLSessionTransport: HTTPTransport {
            public var session: URLSession

            public init(session: URLSession = .shared) {
                self.session = session
            }

            public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                var urlRequest = URLRequest(url: request.url)
                urlRequest.httpMethod = request.method
                urlRequest.httpShouldHandleCookies = false
                for field in request.headerFields {
                    urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
                }
                urlRequest.httpBody = request.body
                let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
                    let task = session.dataTask(with: urlRequest) { data, response, error in
                        if let error {
                            continuation.resume(throwing: error)
                        } else if let response {
                            continuation.resume(returning: (data ?? Data(), response))
                        } else {
                            continuation.resume(throwing: URLError(.badServerResponse))
                        }
                    }
                    task.resume()
                }
                guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
                let fields = http.allHeaderFields.compactMap { key, value -> HTTPHeaderField? in
                    guard let name = key as? String else { return nil }
                    return HTTPHeaderField(name: name, value: "\(value)")
                }.sorted { $0.name < $1.name }
                return HTTPResponse(statusCode: http.statusCode, headerFields: fields, body: data)
            }
        }

        /// Why a call failed before a typed output could be returned.
        public struct ClientError: Error, CustomStringConvertible {
            /// What kind of failure; more codes may be added.
            public struct Code: Hashable, Sendable, CustomStringConvertible {
                private enum Value: String {
                    case invalidRequest = "invalid request"
                    case transport
                    case decoding = "undecodable response"
                }

                private let value: Value

                private init(_ value: Value) {
                    self.value = value
                }

                /// The input could not be encoded into a request.
                public static let invalidRequest = Code(.invalidRequest)
                /// The transport failed (connection refused, timeout, …).
                public static let transport = Code(.transport)
                /// A documented response could not be decoded into its typed body or headers.
                public static let decoding = Code(.decoding)

                public var description: String { value.rawValue }
            }

            public var code: Code
            /// The operation that was called.
            public var operationId: String
            public var message: String
            /// The status of the response, for decoding failures.
            public var statusCode: Int?
            public var underlyingError: (any Error)?

            public init(
                code: Code, operationId: String, message: String, statusCode: Int? = nil, underlyingError: (any Error)? = nil
            ) {
                self.code = code
                self.operationId = operationId
                self.message = message
                self.statusCode = statusCode
                self.underlyingError = underlyingError
            }

            public var description: String {
                let status = statusCode.map { " (status \($0))" } ?? ""
                return "\(operationId): \(code)\(status): \(message)"
            }
        }
        """#

    static let clientSupport = #"""
        import Foundation

        extension Client {
            /// The request `builder` describes, sent to `serverURL`, with the credentials of the first alternative of
            /// `security` the client has.
            func makeRequest(_ builder: RequestBuilder, security: [[String]]) throws -> HTTPRequest {
                var builder = builder
                authenticate(security, headerFields: &builder.headerFields, query: &builder.query, cookies: &builder.cookies)
                if !builder.cookies.isEmpty {
                    builder.headerFields.append(HTTPHeaderField(name: "Cookie", value: builder.cookies.joined(separator: "; ")))
                }
                if let accept = builder.accept {
                    builder.headerFields.append(HTTPHeaderField(name: "Accept", value: accept))
                }
                if let contentType = builder.contentType {
                    builder.headerFields.append(HTTPHeaderField(name: "Content-Type", value: contentType))
                }
                let url = try makeURL(path: builder.path, query: builder.query, operationId: builder.operationId)
                return HTTPRequest(method: builder.method, url: url, headerFields: builder.headerFields, body: builder.body)
            }

            func makeURL(path: String, query: QueryItems, operationId: String) throws -> URL {
                var base = serverURL.absoluteString
                while base.hasSuffix("/") { base.removeLast() }
                let text = base + path + (query.pairs.isEmpty ? "" : "?" + query.encoded)
                guard let url = URL(string: text) else {
                    throw ClientError(code: .invalidRequest, operationId: operationId, message: "'\(text)' is not a valid URL")
                }
                return url
            }

            func send(_ request: HTTPRequest, operationId: String) async throws -> HTTPResponse {
                var request = request
                request.headerFields += additionalHeaderFields
                do {
                    return try await transport.send(request)
                } catch {
                    throw ClientError(
                        code: .transport, operationId: operationId,
                        message: "\(request.method) \(request.url.absoluteString) failed: \(error)", underlyingError: error)
                }
            }
        }
        """#
}
