import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// The request timeout of an upload, kept on the connection's event loop: when a request's body has not finished
/// arriving within the timeout of its head, the rest of the body is replaced by `RequestBodyTimedOut`, so whoever
/// reads it (the limit stage, a body streamed to the backend) stops waiting and the request is answered 504. The
/// connection then closes: the unread rest of the body would otherwise be taken for the next request.
///
/// One timer a connection, not one a request: a request only notes its deadline, and the timer, when it fires,
/// either ends the body still arriving past its deadline or waits for the deadline of the one in progress. A
/// keep-alive connection serving many quick requests arms it about once a timeout. Before this, every request with
/// a body ran in a task of its own so that a slow upload could be answered (`RequestDeadlines`): 7–10 % of a stored
/// create (bench/README.md, issue 14).
final class UploadDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let timeout: TimeAmount
    /// When the body now arriving must have ended; nil between bodies.
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?

    init(timeout: Duration) {
        self.timeout = TimeAmount(timeout)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if GatewayExchange.hasBody(head.headerFields) {
                let due = context.eventLoop.now + timeout
                deadline = due
                if timer == nil { arm(context, at: due) }
            }
        case .body:
            break
        case .end:
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
        deadline = nil
    }

    private func arm(_ context: ChannelHandlerContext, at due: NIODeadline) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: due) { [self] in
            timer = nil
            guard let deadline else { return }
            if deadline > context.eventLoop.now {
                arm(context, at: deadline)
                return
            }
            self.deadline = nil
            context.fireErrorCaught(RequestBodyTimedOut(timeout: timeout))
        }
    }
}

/// A request's body did not finish arriving within the request timeout.
struct RequestBodyTimedOut: Error, CustomStringConvertible {
    let timeout: TimeAmount

    var description: String {
        "the request body did not finish arriving within \(Duration.nanoseconds(timeout.nanoseconds))"
    }
}
