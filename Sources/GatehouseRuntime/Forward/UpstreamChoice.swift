import GatehouseSpec

/// Which operations `serve --upstream` forwards, and where: an operation stays on its mock when the contract says
/// `x-gatehouse-upstream: mock` or `--mock-operations` names it; else its `x-amazon-apigateway-integration` of type
/// `http` or `http_proxy` with a `uri` chooses its backend; else it goes to the `--upstream` URL.
enum UpstreamChoice {
    /// The route of `operation`, or nil when its mock answers it.
    static func route(for operation: Operation, configuration: UpstreamConfiguration, gatewayBasePath: String)
        -> UpstreamRoute?
    {
        if operation.gateway.staysOnMock || configuration.mockOperations.contains(operation.id) { return nil }
        return UpstreamRoute(integration: operation.gateway.integration)
            ?? UpstreamRoute(mapped: configuration.url, gatewayBasePath: gatewayBasePath)
    }
}
