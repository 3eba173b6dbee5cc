import GatehouseJSON
package import GatehouseSpec

/// Mock responses from the contract: for an operation and the request's `Accept` and `Prefer`, the status, headers
/// and body to answer with. Pure logic: a server adapts `MockOutcome` to its own response type.
///
/// Everything is prepared when the engine is made: every example of every response and media type is checked against
/// its schema and encoded, one instance is synthesized, header values are serialized. Serving is then a dictionary
/// lookup and, for the default answer, no encoding at all. What cannot be served (an example that breaks its schema,
/// a schema with no instance) is never sent and is listed in `findings`.
///
/// The answer follows these rules:
/// - **Status**: the one asked for with `Prefer: code=404` (declared exactly, by range or by `default`; else a 400
///   problem listing the declared statuses); otherwise the lowest declared 2XX code, else 200 for `2XX`, else 200
///   for `default`. An operation with none of these answers 501.
/// - **Media type**: by `Accept` negotiation (RFC 9110: weights, `*/*`, `type/*`, the most specific range wins;
///   406 with the available types when none fits); without `Accept`, the first declared.
/// - **Body**: the example named by `Prefer: example=NAME` (400 listing the names when there is none), an instance
///   synthesized and varied per request for `Prefer: dynamic=true`, else the first valid example, else the
///   synthesized instance; nothing when the response declares no content.
/// - **Headers**: `Content-Type` of the media type (declared parameters kept), each declared response header with
///   its example (the one named like the body's example, if any) or a synthesized value in `simple` style, and
///   `Preference-Applied` when a preference was honoured.
/// - An `x-amazon-apigateway-integration` of `type: mock` answers instead, as `APIGatewayMockIntegration` describes.
///
/// ```swift
/// let engine = MockEngine(model: model)
/// for finding in engine.findings { print(finding) }  // examples that break their schema, …
/// let outcome = engine.respond(to: operation, accept: "application/json", prefer: "code=404")
/// let response = outcome.response  // status 404, headers, body bytes; a problem when outcome.problem != nil
/// ```
package struct MockEngine: Sendable {
    /// Warnings about what the contract gives that cannot be served, found while preparing the answers.
    package let findings: [Diagnostic]
    private let plans: [String: MockOperationPlan]
    /// Plans of operations that share an id (a contract error `check` reports), by method and path.
    private let plansByRoute: [String: MockOperationPlan]
    private let builder: MockPlanBuilder

    /// Prepares the answers of every operation of `model`.
    package init(model: APIModel) {
        builder = MockPlanBuilder(document: model.document)
        var findings: [Diagnostic] = []
        var plans: [String: MockOperationPlan] = [:]
        var plansByRoute: [String: MockOperationPlan] = [:]
        for operation in model.operations {
            let plan = builder.plan(for: operation, findings: &findings)
            if plans[operation.id] == nil {
                plans[operation.id] = plan
            } else {
                plansByRoute[Self.route(operation)] = plan
            }
        }
        self.plans = plans
        self.plansByRoute = plansByRoute
        self.findings = findings
    }

    /// The mock answer to a request for `operation`.
    ///
    /// - Parameters:
    ///   - operation: An operation of the model the engine was made from (another one is prepared on the spot).
    ///   - accept: The `Accept` header; several fields joined with `, `. Nil when absent.
    ///   - prefer: The `Prefer` header; several fields joined with `, `. Nil when absent.
    ///   - context: The rest of the request, read only by API Gateway mock integrations and `dynamic=true` seeds.
    package func respond(
        to operation: Operation, accept: String?, prefer: String?, context: MockRequestContext = MockRequestContext()
    ) -> MockOutcome {
        plan(for: operation).respond(accept: accept, prefer: prefer, context: context)
    }

    /// True when answers for `operation` read `MockRequestContext` beyond its seed (an API Gateway mock integration),
    /// so a server can skip collecting parameters for all other operations.
    package func usesRequestContext(_ operation: Operation) -> Bool {
        plan(for: operation).integration != nil
    }

    /// The prepared answers of `operation` (made on the spot for an operation of another model).
    func plan(for operation: Operation) -> MockOperationPlan {
        if let plan = plans[operation.id], plan.operation.method == operation.method,
            plan.operation.path.raw == operation.path.raw
        {
            return plan
        }
        if let plan = plansByRoute[Self.route(operation)] { return plan }
        var ignored: [Diagnostic] = []
        return builder.plan(for: operation, findings: &ignored)
    }

    private static func route(_ operation: Operation) -> String {
        "\(operation.method.rawValue) \(operation.path.raw)"
    }
}
