public import Foundation
import GatehouseJSON
import GatehouseSpec

/// A validated request, as a handler receives it: parameters already decoded by their style into JSON values, and
/// the body with the media type it was matched to.
///
/// The typed accessors decode a value with the `JSONDecoder` the generated code passes (its date strategy).
public struct HandlerRequest: Sendable {
    public let operationId: String
    /// The request path as received (percent-encoded).
    public let path: String
    /// Header fields in the order received.
    public let headers: [(name: String, value: String)]
    /// The body bytes; nil when the request has none.
    public let body: [UInt8]?
    /// The contract's media type (its key under `content`) the body was matched to; nil without a body.
    public let mediaType: String?
    /// Who is calling, the request's id, and the gateway's table store.
    public let context: HandlerContext
    let parameters: [ParameterIdentity: JSONValue]
    let decodedBody: JSONValue?

    init(
        operationId: String, path: String, headers: [(name: String, value: String)], body: [UInt8]?,
        mediaType: String?, parameters: [ParameterIdentity: JSONValue], decodedBody: JSONValue?,
        context: HandlerContext
    ) {
        self.context = context
        self.operationId = operationId
        self.path = path
        self.headers = headers
        self.body = body
        self.mediaType = mediaType
        self.parameters = parameters
        self.decodedBody = decodedBody
    }

    public func path<T: Decodable>(_ name: String, as type: T.Type, decoder: JSONDecoder) throws -> T? {
        try parameter(name, in: .path, as: type, decoder: decoder)
    }

    public func query<T: Decodable>(_ name: String, as type: T.Type, decoder: JSONDecoder) throws -> T? {
        try parameter(name, in: .query, as: type, decoder: decoder)
    }

    public func header<T: Decodable>(_ name: String, as type: T.Type, decoder: JSONDecoder) throws -> T? {
        try parameter(name, in: .header, as: type, decoder: decoder)
    }

    public func cookie<T: Decodable>(_ name: String, as type: T.Type, decoder: JSONDecoder) throws -> T? {
        try parameter(name, in: .cookie, as: type, decoder: decoder)
    }

    func parameter<T: Decodable>(_ name: String, in location: ParameterLocation, as type: T.Type, decoder: JSONDecoder)
        throws -> T?
    {
        guard let value = parameters[ParameterIdentity(name: name, location: location)] else { return nil }
        do {
            return try decoder.decode(T.self, from: Data(JSONWriter.bytes(value)))
        } catch {
            throw HandlerInputError("\(location.rawValue) parameter '\(name)' is not a valid '\(T.self)': \(error)")
        }
    }

    /// The value of a parameter the contract requires (validation has already refused requests without it).
    public func required<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else { throw HandlerInputError("missing required parameter '\(name)'") }
        return value
    }

    /// The body decoded from JSON (or from a form, through its decoded fields); nil when there is none.
    public func jsonBody<T: Decodable>(_ type: T.Type, decoder: JSONDecoder) throws -> T? {
        guard let body, !body.isEmpty else { return nil }
        do {
            if let mediaType, MediaTypeName(mediaType)?.isJSON == true || decodedBody == nil {
                return try decoder.decode(T.self, from: Data(body))
            }
            return try decoder.decode(T.self, from: Data(JSONWriter.bytes(decodedBody ?? .null)))
        } catch {
            throw HandlerInputError("the body is not a valid '\(T.self)': \(error)")
        }
    }

    /// The body as text (UTF-8); nil when there is none.
    public var textBody: String? { body.map { String(decoding: $0, as: UTF8.self) } }

    /// The body bytes; nil when there are none.
    public var dataBody: Data? { body.map { Data($0) } }

    /// The body a contract requires (validation has already refused requests without it).
    public func requiredBody<T>(_ value: T?) throws -> T {
        guard let value else { throw HandlerInputError("missing required request body") }
        return value
    }
}
