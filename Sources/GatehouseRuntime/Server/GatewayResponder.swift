import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseValidation
import Hummingbird
import Logging
import NIOCore

/// The request pipeline: admin paths → routing (404/405/OPTIONS) → CORS → authentication → usage plan (see
/// `Gatekeeper`) → body limit → request validation →
/// handler (the mock engine) → optional response validation, then the request id, CORS headers, access log and
/// metrics on every answer.
struct GatewayResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let box: StateBox
    let configuration: RuntimeConfiguration
    let metrics: GatewayMetrics
    let logger: Logger
    let cors: CORSPolicy
    let gatekeeper: Gatekeeper
    /// Implementations registered by generated server stubs; operations without one are answered by the mocks.
    let handlers: OperationHandlers

    init(
        box: StateBox, configuration: RuntimeConfiguration, metrics: GatewayMetrics, logger: Logger,
        gatekeeper: Gatekeeper, handlers: OperationHandlers = OperationHandlers()
    ) {
        self.handlers = handlers
        self.box = box
        self.gatekeeper = gatekeeper
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.cors = CORSPolicy(origins: configuration.corsOrigins)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let requestId = Self.requestId(from: request.headers[Self.requestIdField])
        let state = box.current
        var answer = await answer(request, requestId: requestId, state: state)
        answer.headers.append(("X-Request-Id", requestId))
        if let origin = cors.allowedOrigin(request.headers[.origin]) {
            answer.headers.append(("Access-Control-Allow-Origin", origin))
            if origin != "*" { answer.headers.append(("Vary", "Origin")) }
            answer.headers.append(
                ("Access-Control-Expose-Headers", "X-Request-Id, Location, Gatehouse-Contract-Violation"))
        }
        let duration = ContinuousClock.now - start
        metrics.recordRequest(operation: answer.operationId ?? "-", status: answer.status, duration: duration)
        accessLog(request, answer: answer, requestId: requestId, duration: duration, secrets: state.access)
        if request.method == .head { answer.body = [] }
        return Self.makeResponse(answer)
    }

    // MARK: Steps

    func answer(_ request: Request, requestId: String, state: GatewayState) async -> GatewayAnswer {
        let path = request.uri.path
        if path == configuration.metricsPath, request.method == .get {
            return GatewayAnswer(
                status: 200,
                headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                body: metrics.exposition()
            )
        }
        guard let method = HTTPMethod(rawValue: request.method.rawValue) else {
            return unknownMethod(request.method.rawValue, path: path, state: state)
        }
        switch state.matcher.match(method: method, path: path) {
        case .notFound:
            return GatewayAnswer(
                Problem(
                    status: 404, title: "Not Found",
                    detail: "no operation of the contract matches '\(method.rawValue) \(path)'")
            )
        case .methodNotAllowed(let allowed):
            if method == .options { return options(request, path: path, allowed: allowed, state: state) }
            let methods = allowed.map(\.rawValue).joined(separator: ", ")
            return GatewayAnswer(
                Problem(
                    status: 405,
                    title: "Method Not Allowed",
                    detail: "'\(path)' has no \(method.rawValue) operation; it allows \(methods)"
                ),
                headers: [("Allow", methods)]
            )
        case .operation(let index, let captures):
            let admission = await gatekeeper.admit(
                PresentedCredentials(
                    headers: request.headers.map { ($0.name.rawName, $0.value) }, query: request.uri.query ?? ""),
                operation: state.model.operations[index], index: index, policy: state.access)
            let metering: [(name: String, value: String)]
            switch admission {
            case .refused(let refusal): return refusal
            case .admitted(let headers): metering = headers
            }
            // Only reading a body can take long (a slow upload); the mock answer itself is synchronous, so a request
            // without a body skips the cost of a timeout task per request.
            var answer: GatewayAnswer
            if Self.hasBody(request) {
                answer = await withTimeout(operationId: state.model.operations[index].id) {
                    await self.operation(
                        index, captures: captures, request: request, requestId: requestId, state: state)
                }
            } else {
                answer = await operation(
                    index, captures: captures, request: request, requestId: requestId, state: state)
            }
            answer.headers += metering
            return answer
        }
    }

    func operation(
        _ index: Int,
        captures: [String: String],
        request: Request,
        requestId: String,
        state: GatewayState
    ) async -> GatewayAnswer {
        let operation = state.model.operations[index]
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBodySize {
            return tooLarge(operation: operation)
        }
        var body: [UInt8]?
        do {
            let buffer = try await request.body.collect(upTo: configuration.maxBodySize)
            body = buffer.readableBytes > 0 ? Array(buffer.readableBytesView) : nil
        } catch is NIOTooManyBytesError {
            return tooLarge(operation: operation)
        } catch {
            // A body that cannot be read (malformed chunked encoding, a connection cut short) is the client's.
            return GatewayAnswer(
                Problem(status: 400, title: "Bad Request", detail: "the request body could not be read: \(error)"),
                operationId: operation.id,
                headers: [("Connection", "close")]
            )
        }
        let headers = request.headers.map { HeaderField(name: $0.name.rawName, value: $0.value) }
        if let scope = state.scopes[index] {
            let issues = state.requestValidator.validate(
                RequestValidator.Request(
                    pathCaptures: captures,
                    query: request.uri.query ?? "",
                    headers: headers,
                    body: body
                ),
                for: operation,
                scope: scope
            )
            if !issues.isEmpty {
                metrics.recordValidationFailure(operation: operation.id, part: "request")
                return GatewayAnswer(Self.validationProblem(issues, operation: operation), operationId: operation.id)
            }
        }
        if let handled = await handlerAnswer(
            operation, captures: captures, request: request, headers: headers, body: body, state: state)
        {
            return handled
        }
        var answer = mockAnswer(
            operation,
            captures: captures,
            query: request.uri.query ?? "",
            headers: headers,
            requestId: requestId,
            state: state
        )
        if let stateful = state.stateful, Self.joined(headers, "Prefer") == nil,
            let stored = await stateful.answer(
                operation,
                base: answer,
                captures: captures,
                query: request.uri.query ?? "",
                body: body,
                path: request.uri.path,
                logger: logger,
                declared: { status in
                    // Only a status the operation declares exactly: a `4XX` range or `default` says nothing specific.
                    guard operation.responses.contains(where: { $0.status == .code(status) }) else { return nil }
                    let outcome = state.mocks.respond(
                        to: operation,
                        accept: Self.joined(headers, "Accept"),
                        prefer: "code=\(status)"
                    )
                    guard outcome.problem == nil else { return nil }
                    let response = outcome.response
                    return GatewayAnswer(
                        status: response.status,
                        headers: response.headers.map { ($0.name, $0.value) },
                        body: response.body,
                        operationId: operation.id
                    )
                }
            )
        {
            answer = stored
        }
        return validatingResponse(answer, of: operation, state: state, from: "mock")
    }

    /// With `--validate-responses`, checks an answer against the operation's declared responses: a violation is
    /// logged, counted, and reported in the `Gatehouse-Contract-Violation` header. `source` names who answered
    /// (`mock` or `handler`) in the log line.
    func validatingResponse(
        _ answer: GatewayAnswer, of operation: GatehouseSpec.Operation, state: GatewayState, from source: String
    ) -> GatewayAnswer {
        guard configuration.validatesResponses else { return answer }
        let issues = state.responseValidator.validate(
            status: answer.status,
            headers: answer.headers.map { HeaderField(name: $0.name, value: $0.value) },
            body: answer.body.isEmpty ? nil : answer.body,
            for: operation
        )
        guard let first = issues.first else { return answer }
        metrics.recordValidationFailure(operation: operation.id, part: "response")
        logger.warning(
            "response breaks the contract",
            metadata: [
                "operation": .string(operation.id), "status": .stringConvertible(answer.status),
                "source": .string(source), "violations": .array(issues.map { .string($0.description) }),
            ]
        )
        let more = issues.count > 1 ? " (and \(issues.count - 1) more)" : ""
        var checked = answer
        checked.headers.append(("Gatehouse-Contract-Violation", Self.headerSafe(first.description + more)))
        return checked
    }

    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength] { return length != "0" }
        return request.headers[.transferEncoding] != nil
    }

    static func validationProblem(_ issues: [ValidationIssue], operation: GatehouseSpec.Operation) -> Problem {
        if let mediaType = issues.first(where: { $0.keyword == "content-type" }) {
            return Problem(status: 415, title: "Unsupported Media Type", detail: mediaType.message, issues: issues)
        }
        if let size = issues.first(where: { $0.keyword == "body-size" }) {
            return Problem(status: 413, title: "Content Too Large", detail: size.message, issues: issues)
        }
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return Problem(
            status: 400,
            title: "Bad Request",
            detail: "the request does not match the contract of '\(operation.id)': \(count)",
            type: "https://gatehouse.dev/problems/request-validation",
            issues: issues
        )
    }

    func tooLarge(operation: GatehouseSpec.Operation) -> GatewayAnswer {
        GatewayAnswer(
            Problem(
                status: 413,
                title: "Content Too Large",
                detail: "the request body is larger than the limit of \(configuration.maxBodySize) bytes"
            ),
            operationId: operation.id,
            headers: [("Connection", "close")]
        )
    }

    func unknownMethod(_ method: String, path: String, state: GatewayState) -> GatewayAnswer {
        let allowed = state.matcher.allowedMethods(path: path)
        guard !allowed.isEmpty else {
            return GatewayAnswer(
                Problem(
                    status: 404, title: "Not Found", detail: "no operation of the contract matches '\(method) \(path)'")
            )
        }
        let methods = allowed.map(\.rawValue).joined(separator: ", ")
        return GatewayAnswer(
            Problem(
                status: 405, title: "Method Not Allowed",
                detail: "'\(path)' has no \(method) operation; it allows \(methods)"),
            headers: [("Allow", methods)]
        )
    }

    /// `OPTIONS` on a path without an OPTIONS operation: the CORS preflight when it is one, else the allowed methods.
    func options(_ request: Request, path: String, allowed: [HTTPMethod], state: GatewayState) -> GatewayAnswer {
        let methods = (allowed + [.options]).map(\.rawValue).joined(separator: ", ")
        guard let origin = cors.allowedOrigin(request.headers[.origin]),
            request.headers[.accessControlRequestMethod] != nil
        else {
            return GatewayAnswer(status: 204, headers: [("Allow", methods)])
        }
        let operations = allowed.compactMap { method -> GatehouseSpec.Operation? in
            guard case .operation(let index, _) = state.matcher.match(method: method, path: path) else { return nil }
            return state.model.operations[index]
        }
        var headers: [(name: String, value: String)] = [
            ("Allow", methods),
            ("Access-Control-Allow-Methods", methods),
            (
                "Access-Control-Allow-Headers",
                CORSPolicy.allowedHeaders(for: operations, schemes: state.model.securitySchemes)
            ),
            ("Access-Control-Max-Age", "600"),
        ]
        if origin != "*" { headers.append(("Vary", "Origin")) }
        return GatewayAnswer(status: 204, headers: headers)
    }

    /// Answers 504 when the handler takes longer than the configured request timeout.
    func withTimeout(operationId: String, _ body: @escaping @Sendable () async -> GatewayAnswer) async -> GatewayAnswer
    {
        let timeout = configuration.requestTimeout
        return await withTaskGroup(of: GatewayAnswer?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let answer = next { return answer }
                if !Task.isCancelled {
                    return GatewayAnswer(
                        Problem(
                            status: 504, title: "Gateway Timeout", detail: "the request took longer than \(timeout)"),
                        operationId: operationId
                    )
                }
            }
            return GatewayAnswer(
                Problem(status: 503, title: "Service Unavailable", detail: "the server is shutting down"))
        }
    }
}
