import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The request path, in one place. A request moves forward once through stages that each do one job:
///
///     route → authenticate → meter → limit → decode → respond → check the response → record → observe
///
/// The route stage is the contract's; the others are the matched operation's own (`CompiledOperation`), prepared
/// when the contract was loaded. The exchange carries what each stage found to the next; the first stage that
/// answers ends the request; the gateway's own errors are written in the shapes the contract documents; and every
/// answer gets the request id, the CORS headers, the access-log line and the metrics.
struct GatewayPipeline: HTTPResponder {
    typealias Context = GatewayRequestContext

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
        exchange.channel = context.channel
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
        if request.method == .head { answer = Self.withoutBody(answer) }
        return Self.makeResponse(answer)
    }

    /// The stages of the matched operation. A body that stops arriving is ended at the request timeout on the
    /// connection's event loop (`UploadDeadlineHandler`, answered 504 by the limit stage); a request with a body for a
    /// responder that may take any time (a handler, a backend) also runs in the timeout's task (`RequestDeadlines`).
    nonisolated(nonsending) func run(_ operation: CompiledOperation, _ exchange: inout GatewayExchange) async
        -> GatewayAnswer
    {
        if let refused = await operation.authenticate.process(&exchange) {
            return await Self.recorded(operation, exchange, refused)
        }
        if let refused = await operation.meter.process(&exchange) {
            return await Self.recorded(operation, exchange, refused)
        }
        var answer: GatewayAnswer
        if exchange.hasBody, !operation.respond.answersPromptly {
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

    /// limit → decode → respond → check the response → record.
    nonisolated(nonsending) static func handle(_ operation: CompiledOperation, _ exchange: inout GatewayExchange) async
        -> GatewayAnswer
    {
        let answer = await checked(operation, &exchange)
        return await recorded(operation, exchange, answer)
    }

    /// limit → decode → respond → check the response.
    nonisolated(nonsending) static func checked(_ operation: CompiledOperation, _ exchange: inout GatewayExchange) async
        -> GatewayAnswer
    {
        if let refused = await operation.limit.process(&exchange) { return refused }
        if let refused = await operation.decode.process(&exchange) { return refused }
        var (answer, source) = await operation.respond.respond(to: exchange)
        // `--report-only`: the request went on despite its violations; the client hears of them.
        if operation.decode.reportsOnly, !exchange.decoded.issues.isEmpty {
            answer.headers.append(
                HTTPField(
                    name: .contractViolation,
                    value: ContractViolationHeader.value(exchange.decoded.issues, part: "request")))
        }
        guard let check = operation.checkResponse else { return answer }
        // The check sees what the client will get: the gateway's own errors in the contract's shape.
        return check.check(operation.errors.shaped(answer), from: source)
    }

    /// `--record`: the exchange goes to the record file before the client gets the answer.
    nonisolated(nonsending) static func recorded(
        _ operation: CompiledOperation, _ exchange: GatewayExchange, _ answer: GatewayAnswer
    ) async
        -> GatewayAnswer
    {
        guard let record = operation.record else { return answer }
        let shaped = operation.errors.shaped(answer)
        await record.record(exchange, shaped, duration: ContinuousClock.now - exchange.start)
        return shaped
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

    /// The answer to a HEAD: the GET's without its body, its `Content-Length` the size that body would have
    /// (RFC 9110 §9.3.2): the one it carries (a backend's), else the size of the body held or streamed. A length that
    /// is not known is not written: Hummingbird would write `Content-Length: 0` for a response without a body.
    static func withoutBody(_ answer: GatewayAnswer) -> GatewayAnswer {
        var head = answer
        head.body = []
        head.stream = nil
        guard !head.headers.contains(.contentLength) else { return head }
        let length = if let stream = answer.stream { stream.contentLength } else { answer.body.count }
        if let length {
            head.headers[.contentLength] = String(length)
        } else {
            head.stream = ResponseBody { writer in try await writer.finish(nil) }
        }
        return head
    }

    static func makeResponse(_ answer: GatewayAnswer) -> Response {
        let status = HTTPResponse.Status(code: answer.status)
        if let stream = answer.stream { return Response(status: status, headers: answer.headers, body: stream) }
        guard !answer.body.isEmpty else { return Response(status: status, headers: answer.headers) }
        return Response(
            status: status, headers: answer.headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
