import AsyncHTTPClient
import Foundation
import GatehouseTestSupport
import NIOCore
import Testing

/// `gatehouse serve --upstream` as a user runs it, a child process in front of a real backend: 100 MB streamed both
/// ways within a bounded memory, `--record` then `gatehouse validate`, and the command line's own errors.
///
/// The memory is the gateway child's peak resident set (`VmHWM` in /proc/PID/status): a child process, so the
/// figure is the gateway's alone, not the test runner's with its client and backend.
struct UpstreamServeTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Blobs and pets, version: '1'}
        paths:
          /blob:
            get:
              operationId: download
              responses:
                '200':
                  description: the bytes
                  content: {application/octet-stream: {schema: {type: string, format: binary}}}
            put:
              operationId: upload
              requestBody:
                required: true
                content: {application/octet-stream: {schema: {type: string, format: binary}}}
              responses:
                '200':
                  description: how many bytes arrived
                  content: {application/json: {schema: {type: object, required: [received], properties: {received: {type: integer}}}}}
          /pets/{petId}:
            get:
              operationId: getPet
              parameters: [{name: petId, in: path, required: true, schema: {type: integer}}]
              responses:
                '200':
                  description: the pet
                  content:
                    application/json:
                      schema: {type: object, required: [id, name], properties: {id: {type: integer}, name: {type: string}}}
        """

    static func withSpec<T>(_ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-upstream-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("blobs.yaml").path
        try spec.write(toFile: path, atomically: true, encoding: .utf8)
        return try await body(path)
    }

    /// Peak resident memory of a process, in bytes.
    static func peakResidentBytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }

    /// 100 chunks of 1 MB made on the fly, for the upload.
    struct Chunks: AsyncSequence, Sendable {
        let count: Int
        struct AsyncIterator: AsyncIteratorProtocol {
            var left: Int
            mutating func next() async -> ByteBuffer? {
                guard left > 0 else { return nil }
                left -= 1
                return BlobBackend.chunk
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(left: count) }
    }

    @Test func a100MBDownloadAndUploadStreamThroughTheGatewayWithinBoundedMemory() async throws {
        let size = 100 * 1024 * 1024
        try await BlobBackend.with(blobSize: size) { port in
            try await Self.withSpec { spec in
                let gateway = try ServeProcess([
                    spec, "--stateless", "--upstream", "http://127.0.0.1:\(port)", "--max-body-size", "\(2 * size)",
                    "--log-level", "warning",
                ])
                defer { gateway.stop() }
                // Download: counted as it arrives, never held.
                let download = try await HTTPClient.shared.execute(
                    HTTPClientRequest(url: "http://127.0.0.1:\(gateway.port)/blob"), timeout: .seconds(120))
                #expect(download.status.code == 200)
                var received = 0
                for try await part in download.body { received += part.readableBytes }
                #expect(received == size)
                // Upload: made on the fly, counted by the backend.
                var upload = HTTPClientRequest(url: "http://127.0.0.1:\(gateway.port)/blob")
                upload.method = .PUT
                upload.headers.add(name: "Content-Type", value: "application/octet-stream")
                upload.body = .stream(Chunks(count: 100), length: .known(Int64(size)))
                let uploaded = try await HTTPClient.shared.execute(upload, timeout: .seconds(120))
                let answer = try await uploaded.body.collect(upTo: 1024)
                #expect(uploaded.status.code == 200)
                #expect(String(buffer: answer) == #"{"received": \#(size)}"#)
                let peak = try Self.peakResidentBytes(of: gateway.process.processIdentifier)
                #expect(peak < 100 * 1024 * 1024, "the gateway's peak RSS was \(peak / 1024 / 1024) MB")
                #expect(gateway.process.isRunning)
            }
        }
    }

    @Test func anUploadPastTheBodyLimitIsRefusedWhileItStreams() async throws {
        try await BlobBackend.with(blobSize: 1) { port in
            try await Self.withSpec { spec in
                let gateway = try ServeProcess([
                    spec, "--stateless", "--upstream", "http://127.0.0.1:\(port)", "--max-body-size", "1000000",
                ])
                defer { gateway.stop() }
                // No Content-Length: the limit is found while the body streams.
                var upload = HTTPClientRequest(url: "http://127.0.0.1:\(gateway.port)/blob")
                upload.method = .PUT
                upload.headers.add(name: "Content-Type", value: "application/octet-stream")
                upload.body = .stream(Chunks(count: 3), length: .unknown)
                let reply = try await HTTPClient.shared.execute(upload, timeout: .seconds(60))
                #expect(reply.status.code == 413)
            }
        }
    }

    @Test func theRecordFailsGatehouseValidateOnExactlyThePlantedViolations() async throws {
        try await BlobBackend.with(blobSize: 1) { port in
            try await Self.withSpec { spec in
                let record = spec.replacingOccurrences(of: "blobs.yaml", with: "record.jsonl")
                let gateway = try ServeProcess([
                    spec, "--stateless", "--upstream", "http://127.0.0.1:\(port)", "--record", record,
                ])
                #expect(gateway.banner.contains("upstream: http://127.0.0.1:\(port) (3 operations forwarded)"))
                #expect(gateway.banner.contains("record: \(record) (jsonl)"))
                for pet in 1...3 { _ = try await gateway.request("/pets/\(pet)") }
                gateway.stop()
                let result = try await GatehouseProcess.run(["validate", spec, "--traffic", record])
                #expect(result.status == 1)
                #expect(result.stdout == "\(record): 3 exchanges, 2 failed\n")
                let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
                #expect(errors.count == 2)
                #expect(
                    errors.first?.hasSuffix(
                        "exchange 1 GET /pets/2 (getPet): response body/name: expected a string, found an integer 42 [response-contract]"
                    ) == true)
                #expect(
                    errors.last?.contains(
                        "exchange 2 GET /pets/3 (getPet): response status: status 418 is not declared") == true)
            }
        }
    }

    @Test func aBadUpstreamCommandLineIsRefusedWithItsReason() async throws {
        let cases: [([String], String)] = [
            (
                ["--upstream", "ftp://backend"],
                "--upstream: the scheme of 'ftp://backend' is 'ftp'; expected http or https"
            ),
            (["--upstream", "http://backend/?q=1"], "has a query or a fragment"),
            (["--strict-responses"], "--strict-responses needs --upstream URL"),
            (["--upstream", "http://backend", "--mock-operations", "nope"], "the contract has no operation 'nope'"),
        ]
        try await Self.withSpec { spec in
            for (arguments, message) in cases {
                let result = try await GatehouseProcess.run(["serve", spec, "--port", "0"] + arguments)
                #expect(result.status == 64, "\(arguments)")
                #expect(result.stderr.contains(message), "\(result.stderr)")
            }
        }
    }
}
