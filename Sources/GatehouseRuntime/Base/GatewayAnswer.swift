import GatehouseJSON
import HTTPTypes
import Hummingbird

/// A response the gateway has decided on, before it becomes a Hummingbird `Response`.
struct GatewayAnswer: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]
    /// A body streamed to the client instead of `body` (a backend's answer past the buffer limit); the response
    /// check sees its status and headers only.
    var stream: ResponseBody?
    /// The operation that answered, for the access log and metrics; nil for 404s and admin paths.
    var operationId: String?
    /// The gateway's own error this answer carries as `application/problem+json`, until it is written in the shape
    /// the contract documents for its status (`OperationErrorShapes`); nil for every other answer.
    var problem: Problem?

    init(status: Int, headers: HTTPFields = HTTPFields(), body: [UInt8] = [], operationId: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.operationId = operationId
    }

    init(_ problem: Problem, operationId: String? = nil, headers: HTTPFields = HTTPFields()) {
        var fields = HTTPFields()
        fields[.contentType] = Problem.mediaType
        fields.append(contentsOf: headers)
        self.init(status: problem.status, headers: fields, body: problem.bytes, operationId: operationId)
        self.problem = problem
    }
}

extension GatewayAnswer {
    /// A refusal as a managed API gateway words it (`--api-gateway-compatible`): `{"message": …}` with
    /// `x-amzn-ErrorType`.
    static func compatible(_ status: Int, message: String, type: String, operationId: String) -> GatewayAnswer {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers.append("x-amzn-ErrorType", type)
        return GatewayAnswer(
            status: status,
            headers: headers,
            body: JSONWriter.bytes(.object(JSONObject(["message": .string(message)]))),
            operationId: operationId)
    }
}
