import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseStoreSQLite

/// The child process of the kill -9 durability test: `GatehouseStoreSQLiteCrashWriter PATH COUNT`.
///
/// Several tasks put items into table `acks` of the store at PATH, and each prints the id of an item on its own
/// line once the put has returned (that is, once the write is acknowledged). The test kills this process with
/// SIGKILL mid-stream, reopens the file and expects every printed id to be there. It stops by itself after COUNT
/// puts, so a test that fails to kill it does not hang.
@main
struct CrashWriter {
    static let writers = 4

    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
            FileHandle.standardError.write(Data("usage: GatehouseStoreSQLiteCrashWriter PATH COUNT\n".utf8))
            exit(2)
        }
        do {
            let store = try SQLiteTableStore(path: arguments[1])
            try await store.createTable(TableDefinition(name: "acks", partitionKey: KeyAttribute("id", .number)))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for id in stride(from: writer, to: count, by: writers) {
                            var item = JSONObject()
                            item["id"] = .number(JSONNumber(id))
                            item["payload"] = .string(String(repeating: "p", count: 200))
                            try await store.putItem(table: "acks", item: item)
                            // One write(2) per line: lines from several tasks never interleave inside a line.
                            FileHandle.standardOutput.write(Data("\(id)\n".utf8))
                        }
                    }
                }
                try await group.waitForAll()
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }
}
