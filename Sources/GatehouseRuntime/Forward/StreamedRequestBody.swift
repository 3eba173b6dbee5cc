import GatehouseSpec
import Hummingbird
import NIOCore

/// A request body passed to the backend as it arrives, for an operation whose bodies the contract does not look
/// into (`application/octet-stream`, images, archives: media types that are not JSON, forms, multipart, XML or
/// text). The size limit still holds: past `--max-body-size` the stream ends with `TooLarge`, and the caller gets a
/// 413.
struct StreamedRequestBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The body went past the limit while it streamed.
    struct TooLarge: Error {}

    let body: RequestBody
    let limit: Int
    /// From `Content-Length`, when the caller sent one.
    let length: Int?

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let limit: Int
        var count = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            count += chunk.readableBytes
            if count > limit { throw TooLarge() }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: body.makeAsyncIterator(), limit: limit)
    }

    /// Whether every media type the operation takes is one the validator does not read (so the bytes can flow
    /// through): not JSON, a form, multipart, XML or text.
    static func isOpaque(_ operation: Operation) -> Bool {
        guard let body = operation.requestBody, !body.content.isEmpty else { return false }
        return body.content.allSatisfy { mediaType in
            let name = mediaType.name.lowercased()
            let essence = name.split(separator: ";").first.map(String.init) ?? name
            if essence.hasPrefix("text/") || essence.hasPrefix("multipart/") || essence == "*/*" { return false }
            if essence.contains("json") || essence.contains("xml") || essence.contains("form") { return false }
            return true
        }
    }
}
