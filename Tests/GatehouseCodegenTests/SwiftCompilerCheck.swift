import Foundation
import GatehouseCodegen

/// Type-checks generated client files with the toolchain's `swiftc`, as a user's build would compile them.
enum SwiftCompilerCheck {
    struct Result {
        var status: Int32
        var output: String
    }

    /// Writes the `Client/Sources` files of `files` into a temporary folder and runs `swiftc -typecheck` on them.
    static func typecheck(_ files: [GeneratedFile], languageMode: String = "6") throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-typecheck-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sources = files.filter { $0.path.hasPrefix("Client/Sources/") }
        try GeneratedOutput(directory: directory).write(sources)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["swiftc", "-typecheck", "-swift-version", languageMode]
            + sources.map { directory.appendingPathComponent($0.path).path }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
