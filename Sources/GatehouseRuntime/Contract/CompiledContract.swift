public import GatehouseSpec
public import GatehouseStore
import GatehouseValidation
import Logging

/// A contract compiled for serving: the route stage and one `CompiledOperation` per operation, indexed as the route
/// matcher returns them. Built once, and swapped whole when `--watch` reloads the spec.
///
/// A class so a request takes it with one reference count rather than copying every member.
public final class CompiledContract: Sendable {
    public let model: APIModel
    /// The base path routes sit under.
    public let basePath: String
    let route: RouteStage
    /// Per operation, in `model.operations` order.
    let operations: [CompiledOperation]
    /// Each operation's security requirements and the usage plans.
    let access: AccessPolicy

    /// The long-lived parts the stages share across reloads.
    struct Parts: Sendable {
        var authenticator: Authenticator
        var meter: UsagePlanMeter
        var metrics: GatewayMetrics
        var handlers: OperationHandlers
        var store: (any TableStore)?
        var logger: Logger
        /// `--upstream`: the connection pool to the backends.
        var upstream: UpstreamClient? = nil
        /// `--record`: the file exchanges are appended to.
        var recorder: ExchangeRecorder? = nil
        /// Wraps each operation's request decoding (tests count the reads with it).
        var decoding: (@Sendable (any RequestDecoding) -> any RequestDecoding)? = nil
    }

    init(model: APIModel, configuration: RuntimeConfiguration, parts: Parts) {
        self.model = model
        let basePath = configuration.basePath ?? model.servers.first?.basePath ?? ""
        self.basePath = basePath == "/" ? "" : basePath
        self.route = RouteStage(
            model: model,
            matcher: RouteMatcher(operations: model.operations, configuration: .init(basePath: self.basePath)),
            cors: CORSPolicy(origins: configuration.corsOrigins),
            metricsPath: configuration.metricsPath,
            metrics: parts.metrics
        )
        // `gatehouse serve` refuses a malformed `x-gatehouse-usage-plans` before it starts (`check` reports it at its
        // line); the model holds no plans then, so a reload with one meters nothing rather than failing every request.
        let plans = configuration.access.usagePlans ?? model.gateway.usagePlans
        let access = AccessPolicy(model: model, plans: plans)
        self.access = access
        let validator = RequestValidator(model: model, bodies: .init(maxBodyBytes: configuration.maxBodySize))
        let upstream = parts.upstream.flatMap { client in configuration.upstream.map { (client, $0) } }
        let responseValidator =
            configuration.validatesResponses || upstream != nil ? ResponseValidator(model: model) : nil
        let redaction = ExchangeRedaction(model: model, secretQueryNames: access.secretQueryNames)
        let gatewayBasePath = self.basePath
        let mocks = MockEngine(model: model)
        let tables = parts.store.map { StatefulMocks(model: model, store: $0) }
        let errorShapes = OperationErrorShapes.Cache(document: model.document)
        var operations: [CompiledOperation] = []
        operations.reserveCapacity(model.operations.count)
        for (index, operation) in model.operations.enumerated() {
            let metrics = parts.metrics.operation(operation.id)
            let plan = mocks.plan(for: operation)
            var responders: [any OperationResponder] = []
            let route = upstream.flatMap { _, settings in
                UpstreamChoice.route(for: operation, configuration: settings, gatewayBasePath: gatewayBasePath)
            }
            if let route, let (client, settings) = upstream {
                for problem in route.problems {
                    parts.logger.warning(
                        "the integration cannot be followed in full",
                        metadata: [
                            "operation": .string(operation.id), "problem": .string(problem),
                        ])
                }
                responders.append(
                    UpstreamResponder(
                        operationId: operation.id, route: route, client: client,
                        fallsBackToMock: settings.fallsBackToMock, bufferedBodyLimit: settings.bufferedBodyLimit,
                        metrics: metrics, logger: parts.logger))
            }
            if let handler = parts.handlers[operation.id] {
                responders.append(
                    HandlerResponder(operation: operation, handler: handler, logger: parts.logger, tables: tables))
            }
            if let tables, let stateful = tables.prepared(for: operation) {
                responders.append(
                    StatefulResponder(tables: tables, operation: stateful, plan: plan, logger: parts.logger))
            }
            var decoding: any RequestDecoding = validator.plan(for: operation)
            if let wrap = parts.decoding { decoding = wrap(decoding) }
            operations.append(
                CompiledOperation(
                    operation: operation,
                    authenticate: AuthenticateStage(
                        authenticator: parts.authenticator,
                        operation: operation,
                        requirement: configuration.access.enforcesSecurity
                            ? access.requirements[index].map(Authenticator.Requirement.init) : nil
                    ),
                    meter: MeterStage(meter: parts.meter, operation: operation, plans: plans),
                    limit: LimitStage(
                        operationId: operation.id, maxBodySize: configuration.maxBodySize,
                        streamsBody: route != nil && StreamedRequestBody.isOpaque(operation)),
                    decode: DecodeStage(
                        operation: operation,
                        decoding: decoding,
                        scope: configuration.validatesRequests ? RequestValidator.Scope(operation) : nil,
                        metrics: metrics,
                        // Only the handler, stateful and upstream responders read the decoded body; the mock does not.
                        keepsBody: !responders.isEmpty,
                        reportsOnly: route != nil && configuration.upstream?.forwardsInvalidRequests == true,
                        logger: parts.logger
                    ),
                    respond: RespondStage(
                        responders: responders, fallback: MockResponder(operation: operation, plan: plan)),
                    checkResponse: responseValidator.map {
                        ResponseCheckStage(
                            operation: operation, validator: $0, metrics: metrics, logger: parts.logger,
                            checksOwnAnswers: configuration.validatesResponses,
                            strictUpstream: configuration.upstream?.strictResponses == true)
                    },
                    record: parts.recorder.map {
                        RecordStage(recorder: $0, redaction: redaction, operationId: operation.id, logger: parts.logger)
                    },
                    errors: OperationErrorShapes(operation: operation, cache: errorShapes),
                    metrics: metrics
                )
            )
        }
        self.operations = operations
    }
}

extension RequestValidator.Scope {
    /// What the operation's API Gateway request validator checks (`x-amazon-apigateway-request-validator`): all of
    /// the request when it names none; nil when the named one checks nothing.
    init?(_ operation: Operation) {
        guard let validator = operation.gateway.requestValidator else {
            self.init()
            return
        }
        guard validator.validatesBody || validator.validatesParameters else { return nil }
        self.init(parameters: validator.validatesParameters, body: validator.validatesBody)
    }
}
