import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import Logging

extension GatewayLauncher {
    /// Writes the contract's `x-gatehouse-seed` items and those of the `--seed` files that no earlier run wrote.
    /// Every problem is reported at its file and line, and then nothing is seeded.
    static func seed(model: APIModel, store: any TableStore, files: [String]) async throws {
        var seeds = SeedItem.fromContract(model)
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                StandardError.write("error: cannot read the seed file '\(file)'\n")
                throw ExitStatus.usageOrIO
            }
            let parsed = SeedItem.fromJSONLines(Array(data), file: file)
            seeds.items += parsed.items
            seeds.problems += parsed.problems
        }
        guard !seeds.items.isEmpty || !seeds.problems.isEmpty else { return }
        let seeder = StoreSeeder(model: model, store: store)
        var problems = seeds.problems
        var prepared: [StoreSeeder.Prepared] = []
        do {
            prepared = try seeder.prepare(seeds.items)
        } catch {
            problems += error.problems
        }
        if !problems.isEmpty {
            for problem in problems { StandardError.write("\(problem)\n") }
            StandardError.write(
                "error: \(problems.count) seed item\(problems.count == 1 ? " has a problem" : "s have problems"); "
                    + "nothing was seeded\n")
            throw ExitStatus.problemsFound
        }
        let summary: StoreSeeder.Summary
        do {
            summary = try await seeder.seed(prepared)
        } catch {
            StandardError.write("error: cannot write the seed items: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        StandardOutput.write(
            "Seeded \(summary.written) item\(summary.written == 1 ? "" : "s")"
                + (summary.kept > 0 ? " (\(summary.kept) seeded by an earlier run or created since, kept)" : "")
                + "\n")
    }

    /// Closes the store once the server has stopped: a SQLite WAL is checkpointed and the file left clean, a
    /// PostgreSQL pool's connections are closed.
    static func close(_ store: (any TableStore)?, logger: Logger) async {
        do {
            try await StoreLocation.close(store)
        } catch {
            logger.error("the store did not close cleanly", metadata: ["error": "\(error)"])
        }
    }
}
