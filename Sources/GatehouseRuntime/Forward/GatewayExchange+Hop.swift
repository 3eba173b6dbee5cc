extension GatewayExchange {
    /// The caller's hop as the backend is told of it: the caller's address and the host it asked for.
    var hop: ProxyHeaders.Hop {
        ProxyHeaders.Hop(
            clientAddress: channel?.remoteAddress?.ipAddress,
            host: request.head.authority
        )
    }
}
