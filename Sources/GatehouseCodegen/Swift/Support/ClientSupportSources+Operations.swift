import GatehouseJSON

extension ClientSupportSources {
    /// What an operation's generated code calls to build its request and read its response. Each step is a plain
    /// synchronous call that wraps its own failure in a `ClientError` naming the operation and the parameter, so an
    /// operation compiles to straight-line code, without a closure per parameter or a large `async` function (an
    /// `async` function is split into one coroutine piece per suspension point, which costs compile time in every
    /// one of a large contract's thousand operations).
    static let operationCoding = #"""
        import Foundation

        /// The request of one call, built from the typed input: the path, the query, header fields, cookies and the
        /// body. `Client.makeRequest(_:security:)` adds the credentials and the server URL.
        struct RequestBuilder {
            /// The operation being called, for errors.
            let operationId: String
            let method: String
            /// The path so far, expanded and percent-encoded.
            var path: String
            var query = QueryItems()
            var headerFields: [HTTPHeaderField] = []
            /// `name=value` pairs of the `Cookie` header.
            var cookies: [String] = []
            /// The `Accept` header: the media types of the documented responses.
            var accept: String?
            var body: Data?
            var contentType: String?

            init(_ operationId: String, method: String, path: String) {
                self.operationId = operationId
                self.method = method
                self.path = path
            }

            /// Appends a path template variable in its style.
            mutating func appendPath<T: Encodable>(_ name: String, _ value: T, style: ParameterStyle, explode: Bool) throws {
                do {
                    path += try ParameterCoding.path(value, name: name, style: style, explode: explode)
                } catch {
                    throw parameterError(name, error)
                }
            }

            /// Appends a query parameter in its style, or as JSON text when its content is JSON; nil appends nothing.
            mutating func appendQuery<T: Encodable>(
                _ name: String, _ value: T?, style: ParameterStyle, explode: Bool, allowReserved: Bool = false,
                json: Bool = false
            ) throws {
                do {
                    if json {
                        let text = try ParameterCoding.jsonText(value)
                        try query.append(text, name: name, style: style, explode: explode, allowReserved: allowReserved)
                    } else {
                        try query.append(value, name: name, style: style, explode: explode, allowReserved: allowReserved)
                    }
                } catch {
                    throw parameterError(name, error)
                }
            }

            /// Appends a header parameter (`simple` style, or JSON text); nil appends nothing.
            mutating func appendHeader<T: Encodable>(_ name: String, _ value: T?, explode: Bool, json: Bool = false) throws {
                do {
                    let text = json ? try ParameterCoding.jsonText(value) : try ParameterCoding.header(value, explode: explode)
                    if let text { headerFields.append(HTTPHeaderField(name: name, value: text)) }
                } catch {
                    throw parameterError(name, error)
                }
            }

            /// Appends a cookie parameter (`form` style, or JSON text); nil appends nothing.
            mutating func appendCookie<T: Encodable>(_ name: String, _ value: T?, explode: Bool, json: Bool = false) throws {
                do {
                    let cookie =
                        json
                        ? try ParameterCoding.cookie(ParameterCoding.jsonText(value), name: name, explode: explode)
                        : try ParameterCoding.cookie(value, name: name, explode: explode)
                    if let cookie { cookies.append(cookie) }
                } catch {
                    throw parameterError(name, error)
                }
            }

            /// Sets a JSON body.
            mutating func setJSONBody<T: Encodable>(_ value: T, contentType: String) throws {
                do {
                    body = try JSONCoding.makeEncoder().encode(value)
                } catch {
                    throw bodyError(error)
                }
                self.contentType = contentType
            }

            /// Sets a form body (`application/x-www-form-urlencoded`): the members of `value`, an object.
            mutating func setFormBody<T: Encodable>(_ value: T, contentType: String) throws {
                let members: [String: JSONValue]
                do {
                    let data = try JSONCoding.makeEncoder().encode(value)
                    guard case .object(let object) = try JSONCoding.makeDecoder().decode(JSONValue.self, from: data) else {
                        throw ClientError(code: .invalidRequest, operationId: operationId, message: "a form body must be an object")
                    }
                    members = object
                } catch let error as ClientError {
                    throw error
                } catch {
                    throw bodyError(error)
                }
                var items = QueryItems()
                do {
                    for key in members.keys.sorted() {
                        try items.append(members[key], name: key, style: .form, explode: true)
                    }
                } catch {
                    throw bodyError(error)
                }
                body = Data(items.encoded.utf8)
                self.contentType = contentType
            }

            /// Sets a body that is already bytes (`text` is sent as UTF-8).
            mutating func setBody(_ data: Data, contentType: String) {
                body = data
                self.contentType = contentType
            }

            func parameterError(_ name: String, _ error: any Error) -> ClientError {
                ClientError(
                    code: .invalidRequest, operationId: operationId, message: "parameter '\(name)' cannot be encoded: \(error)",
                    underlyingError: error)
            }

            func bodyError(_ error: any Error) -> ClientError {
                ClientError(
                    code: .invalidRequest, operationId: operationId, message: "the body cannot be encoded: \(error)",
                    underlyingError: error)
            }
        }

        /// Reads the typed body and headers of one call's response; a failure is a `ClientError` naming the operation,
        /// the status and what could not be read.
        struct ResponseReader {
            let response: HTTPResponse
            /// The operation that was called, for errors.
            let operationId: String

            init(_ response: HTTPResponse, operationId: String) {
                self.response = response
                self.operationId = operationId
            }

            var statusCode: Int { response.statusCode }

            /// The raw body.
            var body: Data { response.body }

            /// The body as text (UTF-8, invalid bytes replaced).
            var text: String { String(decoding: response.body, as: UTF8.self) }

            /// The body decoded from JSON.
            func json<T: Decodable>(_ type: T.Type) throws -> T {
                do {
                    return try JSONCoding.makeDecoder().decode(T.self, from: response.body)
                } catch {
                    throw ClientError(
                        code: .decoding, operationId: operationId, message: "the body is not a valid '\(T.self)': \(error)",
                        statusCode: response.statusCode, underlyingError: error)
                }
            }

            /// A header read into `T`, or nil when the response does not have it.
            func header<T: Decodable>(_ type: T.Type, _ name: String) throws -> T? {
                guard let text = response.value(forHeader: name) else { return nil }
                do {
                    return try ParameterCoding.decodeHeader(T.self, from: text)
                } catch {
                    throw ClientError(
                        code: .decoding, operationId: operationId, message: "header '\(name)' is not a valid '\(T.self)': '\(text)'",
                        statusCode: response.statusCode, underlyingError: error)
                }
            }

            /// A comma-separated header read into an array, or nil when the response does not have it.
            func headerArray<T: Decodable>(_ type: T.Type, _ name: String) throws -> [T]? {
                guard let text = response.value(forHeader: name) else { return nil }
                do {
                    return try ParameterCoding.decodeHeaderArray(T.self, from: text)
                } catch {
                    throw ClientError(
                        code: .decoding, operationId: operationId,
                        message: "header '\(name)' is not a valid '[\(T.self)]': '\(text)'", statusCode: response.statusCode,
                        underlyingError: error)
                }
            }

            /// `value`, a header the contract requires, or an error when the response does not have it.
            func required<T>(_ value: T?, header name: String) throws -> T {
                guard let value else {
                    throw ClientError(
                        code: .decoding, operationId: operationId, message: "required header '\(name)' is missing",
                        statusCode: response.statusCode)
                }
                return value
            }

            /// Whether the response's media type is `declared` (which may be a range such as `text/*`).
            func hasMediaType(_ declared: String) -> Bool {
                guard let actual = response.mediaType else { return false }
                let wanted = String(declared.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                if wanted == actual || wanted == "*/*" { return true }
                if wanted.hasSuffix("/*") { return actual.hasPrefix(wanted.dropLast()) }
                return false
            }
        }
        """#
}
