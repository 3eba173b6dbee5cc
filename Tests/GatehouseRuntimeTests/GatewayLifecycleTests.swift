import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import NIOHTTP1
import Testing

/// `--watch` reloads and graceful shutdown.
struct GatewayLifecycleTests {
    static func spec(title: String, path: String) -> String {
        """
        openapi: 3.1.0
        info: {title: \(title), version: '1'}
        paths:
          \(path):
            get:
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: string}, example: \(title)}}}
        """
    }

    @Test func watchReloadsAGoodSpecAndKeepsServingTheOldOneWhenTheNewOneIsBroken() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gatehouse-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("api.yaml").path
        try Self.spec(title: "first", path: "/one").write(toFile: path, atomically: true, encoding: .utf8)

        try await RunningGateway.with(spec: path, watching: true) { gateway in
            #expect(try await gateway.request(.GET, "/one").body == #""first""#)

            try Self.spec(title: "second", path: "/two").write(toFile: path, atomically: true, encoding: .utf8)
            let reloaded = try await Self.eventually { try await gateway.request(.GET, "/two").status == 200 }
            #expect(reloaded)
            #expect(try await gateway.request(.GET, "/two").body == #""second""#)
            #expect(try await gateway.request(.GET, "/one").status == 404)

            try "openapi: 3.1.0\ninfo: {title: broken}\npaths: [".write(toFile: path, atomically: true, encoding: .utf8)
            try await Task.sleep(for: .seconds(1))
            #expect(try await gateway.request(.GET, "/two").body == #""second""#)
        }
    }

    /// Polls `condition` every 100 ms for up to 30 s (a bound for a loaded machine; it usually holds within 1 s).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<300 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func sigtermStopsTheServerAfterInFlightRequestsFinish() async throws {
        let process = Process()
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("gatehouse")
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path), "gatehouse is built beside the tests")
        process.executableURL = executable
        process.arguments = [
            "serve", RunningGateway.repositoryRoot + "/specs/petstore.yaml", "--port", "0", "--log-level", "warning",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The banner's last line says where it listens.
        var text = ""
        let deadline = Date().addingTimeInterval(10)
        while !text.contains("Listening on"), Date() < deadline {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("Listening on") }
                .flatMap { Int($0.split(separator: ":").last?.split(separator: "/").first ?? "") }
        )
        let connection = try RawHTTPConnection(port: port)
        #expect(await connection.send("GET /v1/pets HTTP/1.1\r\nHost: x\r\n\r\n"))
        #expect(RawHTTPConnection.status(of: await connection.receive()) == 200)

        kill(process.processIdentifier, SIGTERM)
        let stopped = Date().addingTimeInterval(10)
        while process.isRunning, Date() < stopped { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}
