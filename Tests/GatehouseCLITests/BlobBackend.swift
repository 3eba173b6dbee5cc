import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A backend for `gatehouse serve --upstream` child processes: `GET /blob` streams `blobSize` bytes made on the fly
/// (one 1 MB buffer written again and again), `PUT /blob` counts what it receives without keeping it, and
/// `GET /pets/{id}` answers the pets of `UpstreamServeTests`, pets 2 and 3 with planted violations.
enum BlobBackend {
    static let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1024 * 1024)

    /// Serves on a free loopback port while `body` runs.
    static func with<T>(blobSize: Int, _ body: (Int) async throws -> T) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "blob-backend")
        logger.logLevel = .critical
        let application = Application(
            responder: Responder(blobSize: blobSize),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let server = Task { try await application.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result = try await body(port)
        server.cancel()
        _ = await server.result
        return result
    }

    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let blobSize: Int

        func respond(to request: Request, context: Context) async throws -> Response {
            var json = HTTPFields()
            json[.contentType] = "application/json"
            switch (request.method, request.uri.path) {
            case (.get, "/blob"):
                var headers = HTTPFields()
                headers[.contentType] = "application/octet-stream"
                let size = blobSize
                return Response(
                    status: .ok, headers: headers,
                    body: ResponseBody(contentLength: size) { writer in
                        var left = size
                        while left > 0 {
                            let part = min(left, chunk.readableBytes)
                            try await writer.write(chunk.getSlice(at: 0, length: part)!)
                            left -= part
                        }
                        try await writer.finish(nil)
                    })
            case (.put, "/blob"):
                var count = 0
                for try await part in request.body { count += part.readableBytes }
                return Response(
                    status: .ok, headers: json,
                    body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"received": \#(count)}"#)))
            case (.get, "/pets/1"):
                return Response(
                    status: .ok, headers: json,
                    body: .init(byteBuffer: ByteBuffer(string: #"{"id": 1, "name": "Rex"}"#)))
            case (.get, "/pets/2"):
                return Response(
                    status: .ok, headers: json, body: .init(byteBuffer: ByteBuffer(string: #"{"id": 2, "name": 42}"#)))
            case (.get, "/pets/3"):
                return Response(
                    status: .init(code: 418), headers: json, body: .init(byteBuffer: ByteBuffer(string: "{}")))
            default:
                return Response(status: .notFound)
            }
        }
    }
}
