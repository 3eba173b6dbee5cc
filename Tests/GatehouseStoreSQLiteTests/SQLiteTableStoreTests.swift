import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseStoreSQLite
import Testing

struct SQLiteTableStoreTests {
    @Test(arguments: TableStoreBehaviour.all)
    func behavesLikeATableStore(_ behaviour: TableStoreBehaviour) async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteTableStore(path: directory + "/nested/dir/store.sqlite")
            try await behaviour.run(on: store)
            try store.close()
        }
    }
}

/// Runs `body` with a new empty directory, removed afterwards.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("gatehouse-store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}
