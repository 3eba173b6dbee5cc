import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `gatehouse serve` as a child process on a free loopback port, stopped with SIGTERM when done.
final class ServeProcess {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    private(set) var port = 0
    private(set) var banner = ""

    /// Starts the server and waits (at most 120 s: a bound on a hang on a loaded machine) for its "Listening on" line.
    init(_ arguments: [String], in directory: String = GatehouseProcess.repositoryRoot) throws {
        process.executableURL = GatehouseProcess.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let deadline = Date() + 120
        while Date() < deadline, process.isRunning {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            banner += String(decoding: data, as: UTF8.self)
            if let range = banner.range(of: #"Listening on http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                port = Int(banner[range].split(separator: ":").last!)!
                return
            }
        }
        stop()
        throw ServeError(stderr: String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    struct ServeError: Error, CustomStringConvertible {
        var stderr: String
        var description: String { "the server did not start: \(stderr)" }
    }

    /// Stops the server and returns what it wrote to stderr.
    @discardableResult
    func stop() -> String {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// One request with a 30 s timeout (a bound on a hang, not an expectation of speed).
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: String(decoding: data, as: UTF8.self))
    }
}
