import Foundation
import GatehouseCodegen
import GatehouseTestSupport

/// Type-checks generated client files with the toolchain's `swiftc`, as a user's build would compile them.
enum SwiftCompilerCheck {
    struct Result {
        var status: Int32
        var output: String
    }

    /// Writes the `Client/Sources` files of `files` into a temporary folder and runs `swiftc -typecheck` on them.
    static func typecheck(_ files: [GeneratedFile], languageMode: String = "6") async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-typecheck-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sources = files.filter { $0.path.hasPrefix("Client/Sources/") }
        try GeneratedOutput(directory: directory).write(sources)
        return try await execute(
            ["swiftc", "-typecheck", "-swift-version", languageMode]
                + sources.map { directory.appendingPathComponent($0.path).path })
    }

    /// Compiles the client sources with `main` as `main.swift` into a program, runs it and returns what it printed.
    static func run(_ files: [GeneratedFile], main: String) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-program-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sources =
            files.filter { $0.path.hasPrefix("Client/Sources/") } + [GeneratedFile(path: "main.swift", contents: main)]
        try GeneratedOutput(directory: directory).write(sources)
        let program = directory.appendingPathComponent("program").path
        let compiled = try await execute(
            ["swiftc", "-swift-version", "6", "-o", program]
                + sources.map { directory.appendingPathComponent($0.path).path })
        guard compiled.status == 0 else { return compiled }
        return try await execute([program])
    }

    /// Runs `arguments` to its end on a thread of its own (see `onOwnThread`): `swiftc` takes seconds.
    static func execute(_ arguments: [String]) async throws -> Result {
        try await onOwnThread { try executeBlocking(arguments) }
    }

    private static func executeBlocking(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
