import Hummingbird
import NIOCore

/// Hummingbird's basic request context plus the connection, so the upstream responder can tell the backend who
/// called (`X-Forwarded-For`).
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
