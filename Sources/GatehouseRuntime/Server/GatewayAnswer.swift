/// A response the gateway has decided on, before it becomes a Hummingbird `Response`.
struct GatewayAnswer: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The operation that answered, for the access log and metrics; nil for 404s and admin paths.
    var operationId: String?

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], operationId: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.operationId = operationId
    }

    init(_ problem: Problem, operationId: String? = nil, headers: [(name: String, value: String)] = []) {
        self.init(
            status: problem.status,
            headers: [("Content-Type", Problem.mediaType)] + headers,
            body: problem.bytes,
            operationId: operationId
        )
    }
}
