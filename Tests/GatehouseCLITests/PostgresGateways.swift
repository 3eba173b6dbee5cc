import Foundation
import GatehouseTestSupport

/// A database of a test PostgreSQL cluster that several `gatehouse serve` processes share, with the commands a user
/// runs against it.
struct PostgresDatabase: Sendable {
    let cluster: PostgresCluster
    let name: String

    /// The store URL, password included: what `--store` and `GATEHOUSE_STORE` take.
    var url: String { cluster.url(database: name) }

    /// The store URL as Gatehouse prints it, the password replaced by `***`.
    var redactedURL: String {
        url.replacingOccurrences(of: ":\(PostgresCluster.password)@", with: ":***@")
    }

    /// A new, empty database on `cluster`, else on the cluster shared by the test process.
    static func create(on cluster: PostgresCluster? = nil) async throws -> PostgresDatabase {
        try await onOwnThread {
            let cluster = try cluster ?? PostgresCluster.shared.get()
            return PostgresDatabase(cluster: cluster, name: try cluster.createDatabase())
        }
    }

    /// Runs SQL with psql and returns what it printed.
    @discardableResult
    func sql(_ statement: String) async throws -> String {
        try await onOwnThread { [cluster, name] in try cluster.sql(statement, database: name) }
    }

    /// The names of the tables in the database, sorted, joined by commas.
    func tables() async throws -> String {
        try await sql(
            """
            SELECT coalesce(string_agg(table_name, ',' ORDER BY table_name), '') FROM information_schema.tables
            WHERE table_schema = 'public'
            """)
    }

    /// `gatehouse keys create` against the database; returns the new key's secret.
    func createKey(name: String, plan: String) async throws -> String {
        let created = try await GatehouseProcess.run(["keys", "create", "--name", name, "--plan", plan, "--store", url])
        guard created.status == 0 else { throw CommandFailure(description: "keys create failed: \(created.stderr)") }
        return created.stdout.trimmingCharacters(in: .newlines)
    }

    struct CommandFailure: Error, CustomStringConvertible {
        var description: String
    }
}

/// Starts `count` `gatehouse serve ARGUMENTS` processes at the same time, as several instances of one gateway
/// start; they are returned in a stable order.
func startGateways(_ count: Int, _ arguments: [String], in directory: String) async throws -> [ServedGatehouse] {
    try await withThrowingTaskGroup(of: (Int, ServedGatehouse).self) { group in
        for index in 0..<count {
            group.addTask { (index, try await ServedGatehouse(arguments, in: directory)) }
        }
        var started: [(Int, ServedGatehouse)] = []
        for try await server in group { started.append(server) }
        return started.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// Runs `body` with a PostgreSQL cluster of its own, which the test may stop and start; removed afterwards.
func withOwnPostgresCluster<Result>(_ body: (PostgresCluster) async throws -> Result) async throws -> Result {
    let cluster = try await onOwnThread { try PostgresCluster.start() }
    do {
        let result = try await body(cluster)
        await onOwnThread { cluster.remove() }
        return result
    } catch {
        await onOwnThread { cluster.remove() }
        throw error
    }
}

extension ServedGatehouse {
    /// Sends `signal`, waits for the process to end on a thread of its own, and returns all it wrote (stdout and
    /// stderr).
    @discardableResult
    func stopped(_ signal: Int32 = SIGTERM) async -> String {
        await onOwnThread { self.stop(signal) }
        return standardOutput + standardError
    }
}
