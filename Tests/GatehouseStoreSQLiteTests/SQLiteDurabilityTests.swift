import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseStoreSQLite
import Testing

/// What survives a crash: every write acknowledged before a SIGKILL is in the file when it is reopened.
struct SQLiteDurabilityTests {
    /// The writer executable beside the test bundle (`.build/debug/…`, whatever the scratch path).
    static var writer: URL {
        let name = "GatehouseStoreSQLiteCrashWriter"
        let besideRunner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [besideRunner, besideRunner.deletingLastPathComponent(), Bundle.main.bundleURL] {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return besideRunner.appendingPathComponent(name)
    }

    @Test func acknowledgedWritesSurviveKillNine() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/store.sqlite"
            let process = Process()
            process.executableURL = Self.writer
            // The writer stops by itself after 200,000 puts; it is killed long before.
            process.arguments = [path, "200000"]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()

            var received = Data()
            var lines = 0
            while lines < 500 {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }  // the writer exited early; checked below
                received.append(chunk)
                lines += chunk.filter { $0 == UInt8(ascii: "\n") }.count
            }
            kill(process.processIdentifier, SIGKILL)
            received.append(output.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .uncaughtSignal, "the writer ended by itself: \(stderr)")

            // Only complete lines are acknowledgements: the kill may cut the last one.
            let text = String(decoding: received, as: UTF8.self)
            let acknowledged = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                .compactMap { Int64($0) }
            #expect(acknowledged.count >= 500)

            let reopened = try SQLiteTableStore(path: path)
            var missing: [Int64] = []
            for id in acknowledged
            where try await reopened.getItem(table: "acks", key: ItemKey(.number(JSONNumber(id)))) == nil {
                missing.append(id)
            }
            #expect(missing.isEmpty, "acknowledged writes lost after kill -9: \(missing.prefix(10))")
            // The store is still writable after the crash.
            try await reopened.putItem(table: "acks", item: JSONObject(["id": .number(JSONNumber(-1))]))
            try reopened.close()
        }
    }
}
