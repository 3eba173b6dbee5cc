import AsyncHTTPClient
import Foundation
import GatehouseSpec
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// The responder of an operation under `serve --upstream`: the request, once it has passed routing,
/// authentication, plans, the body limit and validation, goes to the backend with the proxy's header hygiene; the
/// backend's answer comes back for the response check. A body up to the buffer limit is held (so it can be checked
/// and recorded); a longer one is streamed through.
///
/// A backend that cannot be reached is a 502 problem, one that does not answer in time a 504; both are logged and
/// counted. With `--fallback mock`, a backend that cannot be reached or answers 501 leaves the request to the mock.
struct UpstreamResponder: OperationResponder {
    let operationId: String
    let route: UpstreamRoute
    let client: UpstreamClient
    let fallsBackToMock: Bool
    let bufferedBodyLimit: Int
    let metrics: OperationMetrics
    let logger: Logger

    static let sourceName = "upstream"
    var source: String { Self.sourceName }

    nonisolated(nonsending) func respond(to exchange: GatewayExchange) async -> GatewayAnswer? {
        var request = HTTPClientRequest(url: route.url(for: exchange))
        request.method = NIOHTTP1.HTTPMethod(rawValue: route.method(for: exchange).rawValue)
        request.headers = ProxyHeaders.request(exchange.headers, hop: exchange.hop, requestId: exchange.requestId)
        for (name, value) in route.headers(for: exchange) { request.headers.replaceOrAdd(name: name, value: value) }
        if let stream = exchange.bodyStream {
            request.body = .stream(stream, length: stream.length.map { .known(Int64($0)) } ?? .unknown)
        } else if let body = exchange.body {
            request.body = .bytes(ByteBuffer(bytes: body))
        } else if exchange.hasBody {
            request.body = .bytes(ByteBuffer())
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request)
        } catch is StreamedRequestBody.TooLarge {
            return LimitStage(operationId: operationId, maxBodySize: exchange.bodyStream?.limit ?? 0).tooLarge()
        } catch let late as RequestBodyTimedOut {
            return LimitStage(operationId: operationId, maxBodySize: exchange.bodyStream?.limit ?? 0).timedOut(late)
        } catch {
            let failure = UpstreamFailure(error)
            metrics.recordUpstreamFailure(failure.kind)
            logger.warning(
                "the backend did not answer",
                metadata: [
                    "operation": .string(operationId), "failure": .string(failure.kind.rawValue),
                    "error": .string(String(describing: error)), "request_id": .string(exchange.requestId),
                ])
            if fallsBackToMock, failure.kind == .unreachable { return nil }
            return GatewayAnswer(failure.problem(timeout: client.timeout), operationId: operationId)
        }
        if fallsBackToMock, response.status.code == 501 {
            // The connection goes back to the pool only once the body is read.
            _ = try? await response.body.collect(upTo: bufferedBodyLimit)
            return nil
        }
        var answer = GatewayAnswer(
            status: Int(response.status.code), headers: ProxyHeaders.response(response.headers),
            operationId: operationId)
        if request.method == .HEAD {
            // No body comes; the client gets the backend's Content-Length, the size of the GET's body (RFC 9110
            // §9.3.2). Without one the length is unknown: an empty body of unknown length says so.
            _ = try? await response.body.collect(upTo: bufferedBodyLimit)
            if let length = response.headers.first(name: "content-length") {
                answer.headers[.contentLength] = length
            } else {
                answer.stream = ResponseBody { writer in try await writer.finish(nil) }
            }
            return answer
        }
        await read(
            response.body, length: response.headers.first(name: "content-length").flatMap(Int.init), into: &answer)
        return answer
    }

    /// Holds the body when it fits the buffer limit; else streams what was read and the rest.
    func read(_ body: HTTPClientResponse.Body, length: Int?, into answer: inout GatewayAnswer) async {
        let iterator = BodyIterator(body.makeAsyncIterator())
        var held = ByteBuffer()
        do {
            if length.map({ $0 <= bufferedBodyLimit }) ?? true {
                while held.readableBytes <= bufferedBodyLimit {
                    guard var chunk = try await iterator.next() else {
                        answer.body = Array(held.readableBytesView)
                        return
                    }
                    held.writeBuffer(&chunk)
                }
            }
        } catch {
            // The backend cut its body short: the client gets what came, then the connection is closed.
            metrics.recordUpstreamFailure(.truncated)
            logger.warning(
                "the backend's answer was cut short",
                metadata: ["operation": .string(operationId), "error": .string(String(describing: error))])
            answer.headers[.connection] = "close"
            answer.body = Array(held.readableBytesView)
            answer.headers[.contentLength] = nil
            return
        }
        let first = held
        let operationId = self.operationId
        let logger = self.logger
        answer.stream = ResponseBody(contentLength: length) { writer in
            if first.readableBytes > 0 { try await writer.write(first) }
            do {
                while let chunk = try await iterator.next() { try await writer.write(chunk) }
            } catch {
                logger.warning(
                    "the backend's answer was cut short",
                    metadata: ["operation": .string(operationId), "error": .string(String(describing: error))])
                throw error
            }
            try await writer.finish(nil)
        }
    }
}

/// The backend's body iterator, handed from the responder to the response writer.
final class BodyIterator: @unchecked Sendable {
    // @unchecked: one task at a time uses the iterator: the responder while it buffers, then the response writer,
    // which starts only after the responder has returned.
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
        self.iterator = iterator
    }

    func next() async throws -> ByteBuffer? {
        try await iterator.next()
    }
}

/// Why the backend gave no answer, as the gateway answers and counts it.
struct UpstreamFailure {
    enum Kind: String, Sendable {
        /// No status and headers within `--upstream-timeout`: 504.
        case timeout
        /// Refused, unresolved, reset before answering: 502.
        case unreachable
        /// The body stopped part way.
        case truncated
    }

    let kind: Kind

    init(_ error: any Error) {
        if let error = error as? HTTPClientError,
            error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        {
            kind = error == .connectTimeout ? .unreachable : .timeout
        } else {
            kind = .unreachable
        }
    }

    func problem(timeout: Duration) -> Problem {
        switch kind {
        case .timeout:
            return Problem(
                status: 504, title: "Gateway Timeout", detail: "the backend did not answer within \(timeout)")
        case .unreachable, .truncated:
            return Problem(status: 502, title: "Bad Gateway", detail: "the backend could not be reached")
        }
    }
}
