import HTTPTypes
import Hummingbird
import NIOCore

/// The limit stage of one operation: refuses a body over the size limit before reading it when its length says so,
/// else reads it up to the limit (413 past it), and keeps the bytes for the decode stage. A body that cannot be read
/// (malformed chunked encoding, a connection cut short) is the client's: 400; one that did not finish arriving within
/// the request timeout (`UploadDeadlineHandler`) is answered 504.
///
/// For an operation forwarded to a backend whose bodies the contract does not look into, the body is not read but
/// streamed on, counted against the limit as it goes (`StreamedRequestBody`).
struct LimitStage: GatewayStage {
    let operationId: String
    let maxBodySize: Int
    var streamsBody = false

    nonisolated(nonsending) func process(_ exchange: inout GatewayExchange) async -> GatewayAnswer? {
        let length = exchange.headers.firstValue(.contentLength).flatMap(Int.init)
        if let length, length > maxBodySize {
            return tooLarge()
        }
        guard exchange.hasBody else { return nil }
        if streamsBody {
            exchange.bodyStream = StreamedRequestBody(
                body: exchange.request.body, limit: maxBodySize,
                length: length)
            return nil
        }
        do {
            let buffer = try await exchange.request.body.collect(upTo: maxBodySize)
            exchange.body = buffer.readableBytes > 0 ? Array(buffer.readableBytesView) : nil
            return nil
        } catch is NIOTooManyBytesError {
            return tooLarge()
        } catch let late as RequestBodyTimedOut {
            return timedOut(late)
        } catch {
            var headers = HTTPFields()
            headers[.connection] = "close"
            return GatewayAnswer(
                Problem(status: 400, title: "Bad Request", detail: "the request body could not be read: \(error)"),
                operationId: operationId,
                headers: headers
            )
        }
    }

    /// The body did not finish arriving within the request timeout; the connection closes with the answer, since
    /// the rest of the body would otherwise be read as the next request.
    func timedOut(_ late: RequestBodyTimedOut) -> GatewayAnswer {
        var headers = HTTPFields()
        headers[.connection] = "close"
        return GatewayAnswer(
            Problem(status: 504, title: "Gateway Timeout", detail: late.description),
            operationId: operationId,
            headers: headers
        )
    }

    func tooLarge() -> GatewayAnswer {
        var headers = HTTPFields()
        headers[.connection] = "close"
        return GatewayAnswer(
            Problem(
                status: 413,
                title: "Content Too Large",
                detail: "the request body is larger than the limit of \(maxBodySize) bytes"
            ),
            operationId: operationId,
            headers: headers
        )
    }
}
