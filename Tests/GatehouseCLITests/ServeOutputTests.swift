import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `gatehouse serve` keeps serving when whoever reads its output goes away (`gatehouse serve … | head -3`).
struct ServeOutputTests {
    @Test func aClosedStandardOutputDoesNotStopTheServer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-pipe-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stderrPath = directory.appendingPathComponent("serve.err").path
        FileManager.default.createFile(atPath: stderrPath, contents: nil)

        let process = Process()
        process.executableURL = GatehouseProcess.executable
        process.arguments = ["serve", "specs/petstore.yaml", "--no-auth", "--host", "127.0.0.1", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: GatehouseProcess.repositoryRoot)
        // Standard output is a pipe nobody reads: its reading end is closed before the server writes its banner.
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try output.fileHandleForReading.close()
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }

        // The port, from the log line on standard error (bounded: 30 s).
        var port: Int?
        for _ in 0..<600 where port == nil && process.isRunning {
            let log = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            if let range = log.range(of: "listening on 127.0.0.1:") {
                port = Int(log[range.upperBound...].prefix { $0.isNumber })
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let listening = try #require(
            port, "the server stopped: \((try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")")

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(listening)/v1/pets")!)
        request.timeoutInterval = 30
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(process.isRunning)
    }
}
