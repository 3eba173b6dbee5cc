import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseValidation
import Hummingbird

extension GatewayResponder {
    /// The answer of the registered handler of `operation`, or nil when it has none or falls back to the mock
    /// engine (`MockFallback`). The request has passed validation.
    func handlerAnswer(
        _ operation: GatehouseSpec.Operation,
        captures: [String: String],
        request: Request,
        headers: [HeaderField],
        body: [UInt8]?,
        state: GatewayState
    ) async -> GatewayAnswer? {
        guard let handler = handlers[operation.id] else { return nil }
        let fields = headers.map { (name: $0.name, value: $0.value) }
        let (parameters, _) = ParameterDecoder(operation: operation, document: state.model.document).decode(
            RawRequestParts(pathCaptures: captures, query: request.uri.query ?? "", headers: fields)
        )
        var mediaType: String?
        var decodedBody: JSONValue?
        if let body, let requestBody = operation.requestBody {
            let decoded = BodyDecoder(requestBody: requestBody, document: state.model.document).decode(
                contentType: Self.joined(headers, "Content-Type"), body: body)
            mediaType = decoded.mediaType?.name
            decodedBody = decoded.value
        }
        let handlerRequest = HandlerRequest(
            operationId: operation.id, path: request.uri.path, headers: fields, body: body, mediaType: mediaType,
            parameters: parameters, decodedBody: decodedBody)
        do {
            let response = try await handler(handlerRequest)
            let answer = GatewayAnswer(
                status: response.status, headers: response.headers, body: response.body, operationId: operation.id)
            return validatingResponse(answer, of: operation, state: state, from: "handler")
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
