import Foundation
import GatehouseStore
import GatehouseStorePostgres
import GatehouseTestSupport

/// A new, empty database of the shared test cluster, as a store configuration.
func newDatabase() async throws -> (
    cluster: PostgresCluster, database: String, configuration: PostgresTableStore.Configuration
) {
    let (cluster, database) = try await onOwnThread { () throws -> (PostgresCluster, String) in
        let cluster = try PostgresCluster.shared.get()
        return (cluster, try cluster.createDatabase())
    }
    let url = try PostgresStoreURL(cluster.url(database: database))
    return (cluster, database, PostgresTableStore.Configuration(url: url))
}

/// Opens a store on a new, empty database (its configuration changed by `configure`), runs `body` with it, and
/// closes it.
func withPostgresStore<Result>(
    configure: (inout PostgresTableStore.Configuration) -> Void = { _ in },
    _ body: (PostgresTableStore) async throws -> Result
) async throws -> Result {
    var (_, _, configuration) = try await newDatabase()
    configure(&configuration)
    let store = try await PostgresTableStore.open(configuration)
    do {
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

/// A store on a new database that runs one batch of reads, one of creates and one of guarded creates at a time in
/// each lane (`EventLoopLanes`; the default, set here so a change of default keeps these tests' meaning), so
/// concurrent calls queue and share a statement.
func withOneBatchAtATime<Result>(_ body: (PostgresTableStore) async throws -> Result) async throws -> Result {
    try await withPostgresStore(configure: { $0.batchesInFlight = 1 }, body)
}
