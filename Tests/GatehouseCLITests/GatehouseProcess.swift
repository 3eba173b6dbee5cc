import Foundation
import GatehouseTestSupport

/// Runs the built `gatehouse` executable and captures what a user would see.
struct GatehouseProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The executable beside the test bundle (`.build/debug/gatehouse`, whatever the scratch path).
    static var executable: URL { product("gatehouse") }

    /// An executable product of the package, beside the test bundle.
    static func product(_ name: String) -> URL {
        let besideRunner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [besideRunner, besideRunner.deletingLastPathComponent(), Bundle.main.bundleURL] {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: repositoryRoot + "/.build/debug/" + name)
    }

    /// Runs `gatehouse ARGUMENTS` in `directory` to its end, on a thread of its own (see `onOwnThread`).
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: String = repositoryRoot,
        executable: URL = executable, environment: [String: String] = [:]
    ) async throws -> Result {
        try await onOwnThread {
            try runBlocking(arguments, stdin: stdin, in: directory, executable: executable, environment: environment)
        }
    }

    private static func runBlocking(
        _ arguments: [String], stdin: String?, in directory: String, executable: URL, environment: [String: String]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, and at the same time: a child that fills one pipe while the other is being
        // read to its end would block forever (468 warnings on standard error did).
        let errorOutput = PipeContents()
        let reading = DispatchSemaphore(value: 0)
        Thread {
            errorOutput.data = error.fileHandleForReading.readDataToEndOfFile()
            reading.signal()
        }.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        let errData = errorOutput.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self)
        )
    }
}

/// What was read from a pipe on another thread.
final class PipeContents: @unchecked Sendable {
    // @unchecked: written once by the reading thread before it signals, read only after waiting for the signal.
    var data = Data()
}
