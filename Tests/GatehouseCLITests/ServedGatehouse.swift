import AsyncHTTPClient
import Foundation
import GatehouseJSON
import GatehouseSpec
import NIOCore
import NIOHTTP1

/// A `gatehouse serve` child process on an ephemeral loopback port, with its output in files, and an HTTP client.
// @unchecked: every property is a constant set in init; concurrent clients only read `port` and call `kill`.
final class ServedGatehouse: @unchecked Sendable {
    let process: Process
    let port: Int
    let stdoutPath: String
    let stderrPath: String

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: String

        var json: JSONValue? { try? JSONParser.parse(Array(body.utf8)) }
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `gatehouse serve ARGUMENTS --port 0` in `directory` (optionally under `/bin/sh -c` with a shell
    /// prefix such as `ulimit -f 2048;`), with `environment` added to the test's, and waits up to 120 s for its
    /// "Listening on" line. With `server`, that executable of the package instead of `gatehouse serve`.
    init(
        _ arguments: [String], in directory: String, shellPrefix: String? = nil, environment: [String: String] = [:],
        server: String? = nil
    ) async throws {
        let id = UUID().uuidString
        stdoutPath = directory + "/serve-\(id).out"
        stderrPath = directory + "/serve-\(id).err"
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process = Process()
        let all = (server == nil ? ["serve"] : []) + arguments + ["--host", "127.0.0.1", "--port", "0"]
        let executable = server.map(GatehouseProcess.product) ?? GatehouseProcess.executable
        if let shellPrefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let quoted = ([executable.path] + all).map { "'\($0)'" }.joined(separator: " ")
            process.arguments = ["-c", "\(shellPrefix) exec \(quoted)"]
        } else {
            process.executableURL = executable
            process.arguments = all
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Generous: on a loaded 2-core CI machine a debug build of serve has taken over 30 s to start.
        let deadline = Date().addingTimeInterval(120)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: "Listening on http://127.0.0.1:") {
                found = Int(text[range.upperBound...].prefix { $0.isNumber })
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let errors = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            throw StartFailure(description: "\(server ?? "gatehouse serve") did not start listening: \(errors)")
        }
        port = found
    }

    var standardOutput: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the process to end.
    func stop(_ signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Sends a request with a 10 s deadline and reads the whole answer.
    func request(
        _ method: NIOHTTP1.HTTPMethod,
        _ path: String,
        headers: [(String, String)] = [],
        body: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }

    /// A request with a JSON body.
    func send(_ method: NIOHTTP1.HTTPMethod, _ path: String, json: String, headers: [(String, String)] = [])
        async throws -> Reply
    {
        try await request(method, path, headers: [("Content-Type", "application/json")] + headers, body: json)
    }
}

/// Runs `body` with a new empty directory, removed afterwards.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("gatehouse-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}
