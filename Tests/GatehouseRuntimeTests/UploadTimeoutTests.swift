import Foundation
import GatehouseStore
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import GatehouseRuntime

/// A body that stops arriving is answered 504 at the request timeout, by whichever responder the operation has, and
/// its connection is closed; bodies that arrive in time are never cut, however long their connection lives.
struct UploadTimeoutTests {
    static let json = "Content-Type: application/json\r\n"

    @Test(.timeLimit(.minutes(1)), arguments: [false, true])
    func aBodyThatStopsArrivingIsAnswered504AndItsConnectionClosed(stored: Bool) async throws {
        var configuration = RunningGateway.openAccess
        configuration.requestTimeout = .seconds(2)
        try await RunningGateway.with(
            spec: "specs/todo.yaml", configuration: configuration, store: stored ? MemoryTableStore() : nil
        ) { gateway in
            let connection = try RawHTTPConnection(port: gateway.port)
            let started = ContinuousClock.now
            await connection.send(
                "POST /api/lists HTTP/1.1\r\nHost: x\r\n\(Self.json)Content-Length: 100\r\n\r\n{\"name\": ")
            let answer = await connection.receive()
            let waited = ContinuousClock.now - started
            #expect(RawHTTPConnection.status(of: answer) == 504, "\(answer)")
            #expect(answer.contains("application/problem+json"))
            #expect(answer.contains("the request body did not finish arriving within 2.0 seconds"), "\(answer)")
            #expect(answer.lowercased().contains("connection: close"))
            // Answered at the timeout, not when the client gave up (the raw connection waits up to 30 s).
            #expect(waited >= .seconds(1.5) && waited < .seconds(20), "answered after \(waited)")
            // The rest of the body is not taken for another request: the connection is closed.
            // (A connection left open would take these bytes as more body and answer nothing until the raw
            // connection's own 30 s timeout.)
            await connection.send("0123456789")
            let closing = ContinuousClock.now
            #expect(await connection.receive().isEmpty)
            #expect(ContinuousClock.now - closing < .seconds(15))
            // And the gateway goes on serving.
            let next = try await gateway.request(
                .POST, "/api/lists", headers: [("Content-Type", "application/json")], body: #"{"name": "next"}"#)
            #expect(next.status == 201)
        }
    }

    /// A registered handler's operation is cut by the same limit, before the handler is called.
    @Test(.timeLimit(.minutes(1)))
    func aHandlersBodyThatStopsArrivingIsAnswered504WithoutCallingIt() async throws {
        let called = RequestTimeoutTests.Flag()
        var handlers = OperationHandlers()
        handlers.register("createList") { _ in
            called.set()
            return HandlerResponse(status: 500, headers: [], body: [])
        }
        var configuration = RunningGateway.openAccess
        configuration.requestTimeout = .seconds(2)
        try await RunningGateway.with(spec: "specs/todo.yaml", configuration: configuration, handlers: handlers) {
            gateway in
            let connection = try RawHTTPConnection(port: gateway.port)
            await connection.send(
                "POST /api/lists HTTP/1.1\r\nHost: x\r\n\(Self.json)Transfer-Encoding: chunked\r\n\r\n5\r\n{\"nam\r\n")
            let answer = await connection.receive()
            #expect(RawHTTPConnection.status(of: answer) == 504, "\(answer)")
            #expect(!called.isSet)
        }
    }

    /// A body streamed on to the backend as it arrives (a media type the contract does not look into) is cut at
    /// the same limit, and the backend's request is abandoned.
    @Test(.timeLimit(.minutes(1)))
    func aStreamedUploadThatStopsArrivingIsAnswered504() async throws {
        let spec = UpstreamGateway.spec.replacingOccurrences(
            of: "  /health:",
            with: """
                  /uploads:
                    post:
                      operationId: upload
                      requestBody:
                        required: true
                        content: {application/octet-stream: {schema: {type: string, format: binary}}}
                      responses:
                        '201': {description: stored}
                  /health:
                """)
        var settings = UpstreamGateway.Settings()
        settings.requestTimeout = .seconds(2)
        try await UpstreamGateway.with(spec: spec, settings: settings) { gateway, _, _ in
            let connection = try RawHTTPConnection(port: gateway.port)
            await connection.send(
                "POST /v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1000\r\n\r\n0123456789")
            let answer = await connection.receive()
            #expect(RawHTTPConnection.status(of: answer) == 504, "\(answer)")
            #expect(answer.contains("did not finish arriving"), "\(answer)")
        }
    }

    /// The timeout is each body's own: a keep-alive connection sending one quick body after another for longer
    /// than the timeout has every one answered.
    @Test(.timeLimit(.minutes(1)))
    func aLongLivedConnectionOfQuickBodiesIsNeverCut() async throws {
        var configuration = RunningGateway.openAccess
        configuration.requestTimeout = .seconds(1)
        try await RunningGateway.with(spec: "specs/todo.yaml", configuration: configuration) { gateway in
            let connection = try RawHTTPConnection(port: gateway.port)
            for round in 0..<4 {
                let body = #"{"name": "round \#(round)"}"#
                await connection.send(
                    "POST /api/lists HTTP/1.1\r\nHost: x\r\n\(Self.json)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
                )
                let answer = await connection.receive()
                #expect(RawHTTPConnection.status(of: answer) == 201, "round \(round): \(answer)")
                try await Task.sleep(for: .milliseconds(600))
            }
        }
    }

    // MARK: - The handler alone, on an embedded channel with a clock of its own

    @Test func theTimerEndsOnlyTheBodyStillArrivingPastItsDeadline() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        let errors = ErrorRecorder()
        try channel.pipeline.syncOperations.addHandlers([UploadDeadlineHandler(timeout: .seconds(10)), errors])

        // A body that ends in time: nothing, even long after.
        try channel.writeInbound(HTTPRequestPart.head(Self.post(length: 4)))
        loop.advanceTime(by: .seconds(6))
        try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "{}{}")))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        // The next body starts at 6 s: the timer armed for the first (10 s) must wait for it (16 s).
        try channel.writeInbound(HTTPRequestPart.head(Self.post(length: 4)))
        loop.advanceTime(by: .seconds(5))
        #expect(errors.count == 0)
        loop.advanceTime(by: .seconds(6))
        #expect(errors.count == 1)
        #expect(errors.last is RequestBodyTimedOut)

        // A request without a body has no deadline.
        var get = HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/api/lists")
        get.headerFields[.contentLength] = "0"
        try channel.writeInbound(HTTPRequestPart.head(get))
        loop.advanceTime(by: .seconds(60))
        #expect(errors.count == 1)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    static func post(length: Int) -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/api/lists")
        request.headerFields[.contentLength] = String(length)
        return request
    }

    final class ErrorRecorder: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        private(set) var count = 0
        private(set) var last: (any Error)?

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            count += 1
            last = error
        }
    }
}
