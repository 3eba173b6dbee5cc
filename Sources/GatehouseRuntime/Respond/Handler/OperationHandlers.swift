/// Implementations of operations, by operation id, that the gateway calls instead of the mock engine.
///
/// Generated server stubs build this from a type conforming to their `…APIProtocol` (`makeHandlers()`); a handler
/// may also be registered by hand. The gateway validates the request first, so a handler only sees requests that
/// match the contract. A handler that throws `MockFallback` leaves the answer to the mock engine.
public struct OperationHandlers: Sendable {
    /// Answers one request of an operation.
    public typealias Handler = @Sendable (HandlerRequest) async throws -> HandlerResponse

    private var handlers: [String: Handler] = [:]

    public init() {}

    /// Registers (or replaces) the handler of the operation `operationId`.
    public mutating func register(_ operationId: String, _ handler: @escaping Handler) {
        handlers[operationId] = handler
    }

    public subscript(operationId: String) -> Handler? { handlers[operationId] }

    /// The operation ids with a handler, sorted.
    public var operationIds: [String] { handlers.keys.sorted() }

    public var isEmpty: Bool { handlers.isEmpty }
}

/// Thrown by a handler (the default of every generated stub method) to let the mock engine answer instead.
public struct MockFallback: Error, Sendable {
    public init() {}
}

/// A request a handler cannot turn into its typed input; the gateway answers 400 with the message.
public struct HandlerInputError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// What a handler answers: status, header fields and body bytes.
public struct HandlerResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
