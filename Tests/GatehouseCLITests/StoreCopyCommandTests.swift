import Foundation
import GatehouseTestSupport
import Testing

/// `gatehouse store copy` between SQLite and PostgreSQL, as a user runs it.
@Suite(.enabled(if: PostgresCluster.isAvailable, Comment(rawValue: PostgresCluster.skipReason)))
struct StoreCopyCommandTests {
    static let todoSpec = GatehouseProcess.repositoryRoot + "/specs/todo.yaml"
    static let lists = """
        {"id": 2, "name": "Work", "description": null, "todoCount": 0}
        {"id": 1, "name": "Groceries", "description": "For the market", "todoCount": 3}

        """

    /// A new empty database of the shared cluster, as a store URL.
    func newDatabase() async throws -> (cluster: PostgresCluster, url: String) {
        try await onOwnThread { () throws -> (PostgresCluster, String) in
            let cluster = try PostgresCluster.shared.get()
            return (cluster, cluster.url(database: try cluster.createDatabase()))
        }
    }

    /// A SQLite store in `directory` holding the two lists, loaded as a user loads them; its `--store` value.
    func sourceWithLists(in directory: String) async throws -> String {
        let source = "sqlite:\(directory)/source.sqlite"
        try Self.lists.write(toFile: directory + "/lists.jsonl", atomically: true, encoding: .utf8)
        let loaded = try await GatehouseProcess.run(
            ["store", "load", "lists", directory + "/lists.jsonl", "--spec", Self.todoSpec, "--store", source])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return source
    }

    @Test func copiesSQLiteToPostgreSQLAndBackItemForItem() async throws {
        try await withTemporaryDirectory { directory in
            let source = try await sourceWithLists(in: directory)
            let created = try await GatehouseProcess.run(["keys", "create", "--name", "ci", "--store", source])
            #expect(created.status == 0, "\(created.stderr)")
            let (_, database) = try await newDatabase()

            let copied = try await GatehouseProcess.run(["store", "copy", "--from", source, "--to", database])
            #expect(copied.status == 0, "\(copied.stderr)")
            #expect(copied.stdout.contains("  lists: 2 items\n"))
            #expect(copied.stdout.contains("every item read back equal"))
            // The password is not printed; the URL is, with *** in its place.
            #expect(!copied.stdout.contains(PostgresCluster.password))
            #expect(copied.stdout.contains("postgres://\(PostgresCluster.user):***@"))

            // The same dump from both, and the key came along.
            let dumpSource = try await GatehouseProcess.run(["store", "dump", "lists", "--store", source])
            let dumpCopy = try await GatehouseProcess.run(["store", "dump", "lists", "--store", database])
            #expect(dumpCopy.status == 0, "\(dumpCopy.stderr)")
            #expect(dumpCopy.stdout == dumpSource.stdout)
            #expect(dumpCopy.stdout.split(separator: "\n").count == 2)
            let keys = try await GatehouseProcess.run(["keys", "list", "--store", database])
            #expect(keys.stdout.contains("ci"), "\(keys.stderr)")

            // A second copy gives the same result.
            let again = try await GatehouseProcess.run(["store", "copy", "--from", source, "--to", database])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(
                try await GatehouseProcess.run(["store", "dump", "lists", "--store", database]).stdout
                    == dumpSource.stdout)

            // And back into a new SQLite file.
            let back = "sqlite:\(directory)/back.sqlite"
            let returned = try await GatehouseProcess.run(["store", "copy", "--from", database, "--to", back])
            #expect(returned.status == 0, "\(returned.stderr)")
            #expect(
                try await GatehouseProcess.run(["store", "dump", "lists", "--store", back]).stdout == dumpSource.stdout)
        }
    }

    @Test func aTableWithAnotherKeyInTheTargetCopiesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let source = try await sourceWithLists(in: directory)
            let (_, database) = try await newDatabase()
            let other = try await GatehouseProcess.run(
                ["store", "load", "lists", "-", "--partition-key", "name", "--store", database],
                stdin: "{\"name\": \"x\"}\n")
            #expect(other.status == 0, "\(other.stderr)")

            let copied = try await GatehouseProcess.run(["store", "copy", "--from", source, "--to", database])
            #expect(copied.status == 64)
            #expect(copied.stderr.contains("table 'lists' with another key than the source; nothing was copied"))
            let tables = try await GatehouseProcess.run(["store", "tables", "--store", database])
            #expect(!tables.stdout.contains("_gatehouse_sequences"))
        }
    }

    @Test func copyingAStoreOntoItselfOrIntoMemoryIsAUsageError() async throws {
        let same = try await GatehouseProcess.run(
            ["store", "copy", "--from", "sqlite:a.sqlite", "--to", "sqlite:a.sqlite"])
        #expect(same.status == 64)
        #expect(same.stderr.contains("--from and --to are the same store"))
        let memory = try await GatehouseProcess.run(["store", "copy", "--from", "sqlite:a.sqlite", "--to", "memory"])
        #expect(memory.status == 64)
        let unknown = try await GatehouseProcess.run(
            ["store", "copy", "--from", "mysql://root:hunter2@db/x", "--to", "sqlite:a.sqlite"])
        #expect(unknown.status == 64)
        #expect(!unknown.stderr.contains("hunter2"))
    }
}
