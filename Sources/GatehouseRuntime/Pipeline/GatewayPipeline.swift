import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request path, in one place. A request moves forward once through stages that each do one job:
///
///     route → authenticate → meter → limit → decode → respond → check the response → observe
///
/// The route stage is the contract's; the others are the matched operation's own (`CompiledOperation`), prepared
/// when the contract was loaded. The exchange carries what each stage found to the next; the first stage that
/// answers ends the request; the gateway's own errors are written in the shapes the contract documents; and every
/// answer gets the request id, the CORS headers, the access-log line and the metrics.
struct GatewayPipeline: HTTPResponder {
    typealias Context = BasicRequestContext

    let box: StateBox
    let cors: CORSPolicy
    let accessLog: AccessLog
    let metrics: GatewayMetrics
    /// How long a request with a body may take before it is answered with 504.
    let deadlines: RequestDeadlines

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let contract = box.current
        var exchange = GatewayExchange(request: request, requestId: Self.requestId(from: request.headers[.requestId]))
        var answer: GatewayAnswer
        var operation: CompiledOperation?
        if let routed = await contract.route.process(&exchange) {
            answer = routed
        } else {
            let matched = contract.operations[exchange.operationIndex]
            operation = matched
            answer = matched.errors.shaped(await run(matched, &exchange))
        }
        answer.headers[.requestId] = exchange.requestId
        if let origin = cors.allowedOrigin(request.headers[.origin]) {
            answer.headers[.accessControlAllowOrigin] = origin
            if origin != "*" { answer.headers.append(HTTPField(name: .vary, value: "Origin")) }
            answer.headers[.accessControlExposeHeaders] = "X-Request-Id, Location, Gatehouse-Contract-Violation"
        }
        let duration = ContinuousClock.now - start
        if let operation {
            operation.metrics.recordRequest(status: answer.status, duration: duration)
        } else {
            metrics.recordRequest(operation: answer.operationId ?? "-", status: answer.status, duration: duration)
        }
        accessLog.record(
            request, status: answer.status, operationId: answer.operationId, requestId: exchange.requestId,
            duration: duration,
            redactedQuery: { PresentedCredentials.redactedQuery($0, secretNames: contract.access.secretQueryNames) }
        )
        if request.method == .head { answer.body = [] }
        return Self.makeResponse(answer)
    }

    /// The stages of the matched operation. Only reading a body can take long (a slow upload), so only a request
    /// with one pays for the timeout task.
    func run(_ operation: CompiledOperation, _ exchange: inout GatewayExchange) async -> GatewayAnswer {
        if let refused = await operation.authenticate.process(&exchange) { return refused }
        if let refused = await operation.meter.process(&exchange) { return refused }
        var answer: GatewayAnswer
        if exchange.hasBody {
            let admitted = exchange
            answer = await deadlines.run(operationId: operation.id) {
                var exchange = admitted
                return await Self.handle(operation, &exchange)
            }
        } else {
            answer = await Self.handle(operation, &exchange)
        }
        answer.headers.append(contentsOf: exchange.meteringHeaders)
        return answer
    }

    /// limit → decode → respond → check the response.
    static func handle(_ operation: CompiledOperation, _ exchange: inout GatewayExchange) async -> GatewayAnswer {
        if let refused = await operation.limit.process(&exchange) { return refused }
        if let refused = await operation.decode.process(&exchange) { return refused }
        let (answer, source) = await operation.respond.respond(to: exchange)
        guard let check = operation.checkResponse else { return answer }
        // The check sees what the client will get: the gateway's own errors in the contract's shape.
        return check.check(operation.errors.shaped(answer), from: source)
    }

    /// The caller's `X-Request-Id` when it is a sane token (printable, at most 128 characters), else a new UUID.
    static func requestId(from header: String?) -> String {
        if let header, !header.isEmpty, header.utf8.count <= 128,
            header.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        {
            return header
        }
        return RequestIDs.next()
    }

    static func makeResponse(_ answer: GatewayAnswer) -> Response {
        let status = HTTPResponse.Status(code: answer.status)
        guard !answer.body.isEmpty else { return Response(status: status, headers: answer.headers) }
        return Response(
            status: status, headers: answer.headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
