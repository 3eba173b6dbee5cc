import Foundation
import GatehouseJSON
import GatehouseStore
import GatehouseStorePostgres
import GatehouseTestSupport
import Testing

/// The store through the server's Unix-domain socket: the same database as over TCP, and a clear error when no
/// server listens there.
@Suite(.enabled(if: PostgresCluster.isAvailable, Comment(rawValue: PostgresCluster.skipReason)))
struct PostgresUnixSocketTests {
    @Test(.timeLimit(.minutes(2)))
    func theStoreWorksThroughTheSocketOnTheSameDatabaseAsTCP() async throws {
        let (cluster, database, tcp) = try await newDatabase()
        let url = try PostgresStoreURL(cluster.socketURL(database: database))
        #expect(url.isUnixSocket)
        let overSocket = try await PostgresTableStore.open(PostgresTableStore.Configuration(url: url))
        let table = TableDefinition(name: "pets", partitionKey: KeyAttribute("id", .string))
        try await overSocket.createTable(table)
        let item = JSONObject(["id": .string("1"), "name": .string("Rex")])
        try await overSocket.putItem(table: "pets", item: item, condition: nil)
        #expect(try await overSocket.getItem(table: "pets", key: ItemKey(.string("1"))) == item)
        await overSocket.close()

        let overTCP = try await PostgresTableStore.open(tcp)
        #expect(try await overTCP.getItem(table: "pets", key: ItemKey(.string("1"))) == item)
        await overTCP.close()
    }

    @Test(.timeLimit(.minutes(2)))
    func aDirectoryWithoutTheServersSocketIsAClearError() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gatehouse-no-socket-\(UUID().uuidString.prefix(8))"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = PostgresTableStore.Configuration(
            url: try PostgresStoreURL("postgres://gatehouse:topsecret@/gatehouse?host=\(directory)"))
        await #expect {
            _ = try await PostgresTableStore.open(configuration)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot connect to the PostgreSQL store at \(directory)/.s.PGSQL.5432")
                && !text.contains("topsecret")
        }
    }
}
