import Foundation
import Testing

@testable import GatehouseRuntime

/// HEAD through the gateway: the status and headers a GET would get, without the body, and a `Content-Length` that
/// is the size of the GET's body (RFC 9110 §9.3.2), whether the backend, a streamed backend answer or a mock answers.
struct HeadRequestTests {
    /// The backend's pets, and a list of 200 of them, longer than the 1 KB buffer limit of the streaming test.
    static let manyPets = "[" + (1...200).map { #"{"id": \#($0), "name": "Pet \#($0)"}"# }.joined(separator: ", ") + "]"

    static let answering = TestBackend.Answering.custom { request in
        if request.path == "/api/pets" { return .init(body: manyPets) }
        return await UpstreamGateway.petAnswer(request)
    }

    @Test func aForwardedHeadAnswerHasTheBackendsContentLength() async throws {
        try await UpstreamGateway.with { gateway, backend, _ in
            let get = try await gateway.request(.GET, "/v1/pets/1")
            #expect(get.status == 200)
            #expect(get.headers["Content-Length"] == ["\(get.body.utf8.count)"])
            let head = try await gateway.request(.HEAD, "/v1/pets/1")
            #expect(head.status == 200)
            #expect(head.body == "")
            #expect(head.headers["Content-Length"] == ["\(get.body.utf8.count)"])
            #expect(head.headers["Content-Type"] == ["application/json"])
            #expect(head.headers["X-Version"] == ["1"])
            #expect(backend.requests.map(\.method) == ["GET", "HEAD"])
        }
    }

    @Test func aHeadAnswerTheGetWouldStreamHasTheBackendsContentLength() async throws {
        var settings = UpstreamGateway.Settings()
        settings.bufferedBodyLimit = 1024
        try await UpstreamGateway.with(answering: Self.answering, settings: settings) { gateway, _, _ in
            let get = try await gateway.request(.GET, "/v1/pets")
            #expect(get.body == Self.manyPets)
            #expect(get.headers["Content-Length"] == ["\(Self.manyPets.utf8.count)"])
            let head = try await gateway.request(.HEAD, "/v1/pets")
            #expect(head.status == 200)
            #expect(head.body == "")
            #expect(head.headers["Content-Length"] == ["\(Self.manyPets.utf8.count)"])
        }
    }

    /// A backend that does not know its length in advance sends none: neither does the gateway (not a
    /// `Content-Length: 0`, which would say the GET's body is empty).
    @Test func aHeadAnswerOfUnknownLengthHasNoContentLength() async throws {
        let answering = TestBackend.Answering.always(.init(body: #"{"id": 1, "name": "Rex"}"#, lengthUnknown: true))
        try await UpstreamGateway.with(answering: answering) { gateway, _, _ in
            let head = try await gateway.request(.HEAD, "/v1/pets/1")
            #expect(head.status == 200)
            #expect(head.body == "")
            #expect(head.headers["Content-Length"] == [])
            #expect(head.headers["Content-Type"] == ["application/json"])
        }
    }

    /// On the wire, a HEAD answer of unknown length says `chunked` as the GET would, and sends no chunk, not even
    /// the last one: the next answer on the same keep-alive connection starts right after its head.
    @Test func aHeadAnswerOfUnknownLengthLeavesTheConnectionUsable() async throws {
        let answering = TestBackend.Answering.always(.init(body: #"{"id": 1, "name": "Rex"}"#, lengthUnknown: true))
        try await UpstreamGateway.with(answering: answering) { gateway, _, _ in
            let connection = try RawHTTPConnection(port: gateway.port)
            await connection.send(
                "HEAD /v1/pets/1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /v1/pets/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let received = await connection.receive()
            let answers = received.components(separatedBy: "HTTP/1.1 ")
            #expect(answers.count == 3, "\(received)")
            guard answers.count == 3 else { return }
            let (head, get) = (answers[1], answers[2])
            #expect(head.hasPrefix("200 "))
            #expect(head.lowercased().contains("transfer-encoding: chunked"))
            #expect(!head.lowercased().contains("content-length"))
            // Nothing after the HEAD answer's head: no body, no closing chunk.
            #expect(head.range(of: "\r\n\r\n")?.upperBound == head.endIndex, "\(head)")
            #expect(get.hasPrefix("200 "))
            #expect(get.contains(#"{"id": 1, "name": "Rex"}"#))
        }
    }

    @Test func aMockedHeadAnswerHasTheLengthOfTheMocksBody() async throws {
        try await UpstreamGateway.with { gateway, backend, _ in
            let get = try await gateway.request(.GET, "/v1/health")
            #expect(get.json?["status"] == .string("mocked"))
            let head = try await gateway.request(.HEAD, "/v1/health")
            #expect(head.status == 200)
            #expect(head.body == "")
            #expect(head.headers["Content-Length"] == ["\(get.body.utf8.count)"])
            #expect(head.headers["Content-Type"] == get.headers["Content-Type"])
            #expect(backend.count == 0)
        }
    }
}
