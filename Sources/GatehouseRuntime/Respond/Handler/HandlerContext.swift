public import GatehouseStore
public import Logging

/// What a handler knows beyond its input: who is calling, the request's id, and the gateway's table store.
///
/// Generated stubs pass it to the `…(_ input:context:)` form of each operation method; a hand-registered handler
/// reads it from `HandlerRequest.context`.
public struct HandlerContext: Sendable {
    /// The caller: the API key (its name and plan) or the bearer token (its claims) that passed authentication;
    /// nil when the operation was called anonymously (or with `--no-auth`).
    public let principal: Principal?
    /// The request's `X-Request-Id` (the caller's, or one the gateway made up), as the access log and the answer
    /// carry it.
    public let requestId: String
    /// The table store the gateway opened (`--store`), where the stateful mocks keep their items and the API keys
    /// live; nil when mocks are stateless (`--stateless`). `mockItem(in:id:under:)` and its siblings read and write
    /// items the way the mocks lay them out.
    public let store: (any TableStore)?
    /// The gateway's logger.
    public let logger: Logger
    /// How the contract's operations map onto mock tables (their keys), when mocks are stored.
    let tables: MockTableMap?

    package init(
        principal: Principal?, requestId: String, store: (any TableStore)?, logger: Logger, tables: MockTableMap?
    ) {
        self.principal = principal
        self.requestId = requestId
        self.store = store
        self.logger = logger
        self.tables = tables
    }
}
