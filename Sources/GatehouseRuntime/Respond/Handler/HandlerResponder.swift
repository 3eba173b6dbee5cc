import GatehouseSpec
import HTTPTypes
import Logging

/// Answers with the Swift implementation registered for the operation (generated server stubs): the handler gets
/// the request as the decode stage read it, its parameters and body already decoded. A handler that throws
/// `MockFallback` leaves the request to the mock responders.
struct HandlerResponder: OperationResponder {
    let operation: Operation
    let handler: OperationHandlers.Handler
    let logger: Logger
    /// The gateway's table store, with how the mocks lay out their tables; nil when mocks are stateless.
    let tables: StatefulMocks?

    var source: String { "handler" }

    nonisolated(nonsending) func respond(to exchange: GatewayExchange) async -> GatewayAnswer? {
        let request = HandlerRequest(
            operationId: operation.id, path: exchange.path, headers: exchange.headers.pairs, body: exchange.body,
            mediaType: exchange.body == nil ? nil : exchange.decoded.mediaType,
            parameters: exchange.decoded.parameters, decodedBody: exchange.decoded.body,
            context: HandlerContext(
                principal: exchange.caller.principal, requestId: exchange.requestId, store: tables?.store,
                logger: logger, tables: tables?.map))
        do {
            let response = try await handler(request)
            return GatewayAnswer(
                status: response.status, headers: HTTPFields(response.headers), body: response.body,
                operationId: operation.id)
        } catch is MockFallback {
            return nil
        } catch let error as HandlerInputError {
            return GatewayAnswer(
                Problem(
                    status: 400, title: "Bad Request",
                    detail: "the request cannot be read as the input of '\(operation.id)': \(error.message)"),
                operationId: operation.id)
        } catch {
            logger.error(
                "handler failed", metadata: ["operation": .string(operation.id), "error": .string("\(error)")])
            return GatewayAnswer(
                Problem(
                    status: 500, title: "Internal Server Error",
                    detail: "the implementation of '\(operation.id)' failed: \(error)"),
                operationId: operation.id)
        }
    }
}
