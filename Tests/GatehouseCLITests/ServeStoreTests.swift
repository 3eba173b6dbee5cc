import Foundation
import GatehouseJSON
import GatehouseSpec
import Synchronization
import Testing

/// `gatehouse serve` with its table store, as a separate process: the CRUD story with a restart, kill -9 under load,
/// seeds, and a store that cannot grow.
struct ServeStoreTests {
    static let todoSpec = GatehouseProcess.repositoryRoot + "/specs/todo.yaml"
    static let petSpec = GatehouseProcess.repositoryRoot + "/specs/petstore.yaml"

    @Test func theTodoCRUDStorySurvivesARestartOfTheServer() async throws {
        try await withTemporaryDirectory { directory in
            // The default store: .gatehouse/store.sqlite under the working directory.
            var server = try await ServedGatehouse([Self.todoSpec], in: directory)
            let created = try await server.send(.POST, "/api/lists", json: #"{"name": "Groceries"}"#)
            #expect(created.status == 201)
            #expect(created.json?["id"] == .number(JSONNumber(1)))
            #expect(created.headers["Location"] == ["/api/lists/1"])
            #expect(try await server.request(.GET, "/api/lists/1").json?["name"] == .string("Groceries"))

            var ids: [String] = []
            for title in ["Milk", "Bread", "Eggs", "Tea", "Jam"] {
                let todo = try await server.send(.POST, "/api/lists/1/todos", json: #"{"title": "\#(title)"}"#)
                #expect(todo.status == 201)
                ids.append(try #require(todo.json?["id"]?.stringValue))
            }
            // Pages of two, following nextCursor, see every to-do once.
            var seen: [String] = []
            var query = "?limit=2"
            for _ in 0..<5 {
                let page = try await server.request(.GET, "/api/lists/1/todos" + query)
                #expect(page.status == 200)
                let items = try #require(page.json?["items"]?.arrayValue)
                #expect(items.count <= 2)
                seen += items.compactMap { $0.objectValue?["id"]?.stringValue }
                guard let next = page.json?["nextCursor"]?.stringValue else { break }
                query = "?limit=2&cursor=\(next)"
            }
            #expect(seen.sorted() == ids.sorted())

            let replaced = try await server.send(
                .PUT, "/api/lists/1/todos/\(ids[0])", json: #"{"title": "Oat milk", "priority": "high"}"#)
            #expect(replaced.status == 200)
            #expect(replaced.json?["priority"] == .string("high"))
            let patched = try await server.request(
                .PATCH, "/api/lists/1", headers: [("Content-Type", "application/merge-patch+json")],
                body: #"{"description": "Saturday"}"#)
            #expect(patched.status == 200)
            #expect(patched.json?["name"] == .string("Groceries"))
            #expect(patched.json?["description"] == .string("Saturday"))
            #expect(try await server.request(.DELETE, "/api/lists/1/todos/\(ids[1])").status == 204)
            let gone = try await server.request(.GET, "/api/lists/1/todos/\(ids[1])")
            #expect(gone.status == 404)
            server.stop()
            #expect(server.process.terminationStatus == 0)
            // Closed cleanly on SIGTERM: the WAL was checkpointed into the store file (and emptied or removed).
            let wal = try? FileManager.default.attributesOfItem(atPath: directory + "/.gatehouse/store.sqlite-wal")
            #expect((wal?[.size] as? Int ?? 0) == 0)

            server = try await ServedGatehouse([Self.todoSpec], in: directory)
            let after = try await server.request(.GET, "/api/lists/1/todos/\(ids[0])")
            #expect(after.json?["title"] == .string("Oat milk"))
            #expect(try await server.request(.GET, "/api/lists/1").json?["description"] == .string("Saturday"))
            #expect(try await server.request(.GET, "/api/lists/1/todos/\(ids[1])").status == 404)
            #expect(
                try await server.send(.POST, "/api/lists", json: #"{"name": "Work"}"#).json?["id"]
                    == .number(JSONNumber(2)))
            server.stop()

            let dump = try await GatehouseProcess.run(["store", "dump", "todos"], in: directory)
            #expect(dump.stdout.split(separator: "\n").count == 4)
        }
    }

    @Test func aDuplicateCreateIs409WhenClientsChooseIds() async throws {
        // The pet store lets a client send the id; the to-do contract's ids are read-only, assigned by the server.
        try await withTemporaryDirectory { directory in
            let server = try await ServedGatehouse([Self.petSpec, "--no-auth"], in: directory)
            #expect(try await server.send(.POST, "/v1/pets", json: #"{"id": 5, "name": "Rex"}"#).status == 201)
            let again = try await server.send(.POST, "/v1/pets", json: #"{"id": 5, "name": "Max"}"#)
            #expect(again.status == 409)
            #expect(try await server.request(.GET, "/v1/pets/5").json?["name"] == .string("Rex"))
            server.stop()
        }
    }

    @Test func everyAcknowledgedWriteSurvivesKillNine() async throws {
        try await withTemporaryDirectory { directory in
            let store = ["--store", "sqlite:\(directory)/store.sqlite"]
            let server = try await ServedGatehouse([Self.todoSpec] + store, in: directory)
            let acknowledged = Acknowledged()
            let started = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<4 {
                    group.addTask {
                        // Bounded by count and by time.
                        for request in 0..<1_000 where Date().timeIntervalSince(started) < 150 {
                            let name = "client \(client) request \(request)"
                            guard
                                let reply = try? await server.send(.POST, "/api/lists", json: #"{"name": "\#(name)"}"#)
                            else {
                                // Stop once the server is gone; a failure while it runs (a slow machine) is retried.
                                if server.process.isRunning { continue } else { return }
                            }
                            if reply.status == 201, let id = reply.json?["id"]?.numberValue?.int64 {
                                acknowledged.writes.withLock { $0.append((id, name)) }
                            }
                        }
                    }
                }
                group.addTask {
                    // Kill mid-load: after 200 acknowledged writes, or after 2 seconds once at least 10 were
                    // acknowledged, and in any case by 120 s. A fresh CI machine compiling beside the tests can
                    // starve the server long enough for the first requests to time out (10 s each), so the first
                    // acknowledgements may take a while.
                    while true {
                        let count = acknowledged.writes.withLock { $0.count }
                        let elapsed = Date().timeIntervalSince(started)
                        if count >= 200 || (count >= 10 && elapsed >= 2) || elapsed >= 120 { break }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    server.stop(SIGKILL)
                }
                try await group.waitForAll()
            }
            #expect(server.process.terminationReason == .uncaughtSignal)
            let written = acknowledged.writes.withLock { $0 }
            #expect(written.count > 0)

            let restarted = try await ServedGatehouse([Self.todoSpec] + store, in: directory)
            var missing: [Int64] = []
            for (id, name) in written {
                let reply = try await restarted.request(.GET, "/api/lists/\(id)")
                if reply.status != 200 || reply.json?["name"] != .string(name) { missing.append(id) }
            }
            #expect(missing == [], "acknowledged with 201 but lost after kill -9")
            restarted.stop()
        }
    }

    static let seedSpec = """
        openapi: 3.1.0
        info: {title: Seeds, version: '1'}
        x-gatehouse-seed:
          notes:
            - {id: 1, text: first}
            - {id: 2, text: second}
        paths:
          /notes:
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/NewNote'}}}
              responses:
                '201':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Note'}, example: {id: 1, text: a}}}
            get:
              responses:
                '200':
                  description: notes
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Note'}}
                      example: [{id: 1, text: a}]
          /notes/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
            get:
              responses:
                '200':
                  description: a note
                  content: {application/json: {schema: {$ref: '#/components/schemas/Note'}, example: {id: 1, text: a}}}
            delete:
              responses:
                '204': {description: deleted}
        components:
          schemas:
            NewNote: {type: object, required: [text], properties: {text: {type: string}}}
            Note:
              type: object
              required: [id, text]
              properties: {id: {type: integer}, text: {type: string, maxLength: 20}}
        """

    @Test func seedsAreWrittenOnceAndNeverUndoWhatClientsChanged() async throws {
        try await withTemporaryDirectory { directory in
            try Self.seedSpec.write(toFile: directory + "/notes.yaml", atomically: true, encoding: .utf8)
            try #"{"table": "notes", "item": {"id": 3, "text": "from the file"}}"#.write(
                toFile: directory + "/seed.jsonl", atomically: true, encoding: .utf8)
            var server = try await ServedGatehouse(["notes.yaml", "--seed", "seed.jsonl"], in: directory)
            #expect(server.standardOutput.hasPrefix("Seeded 3 items\n"))
            #expect(try await server.request(.GET, "/notes").json?.arrayValue?.count == 3)
            // New ids continue after the seeded ones.
            #expect(
                try await server.send(.POST, "/notes", json: #"{"text": "new"}"#).json?["id"] == .number(JSONNumber(4)))
            #expect(try await server.request(.DELETE, "/notes/1").status == 204)
            server.stop()

            server = try await ServedGatehouse(["notes.yaml", "--seed", "seed.jsonl"], in: directory)
            #expect(
                server.standardOutput.hasPrefix("Seeded 0 items (3 seeded by an earlier run or created since, kept)\n"))
            #expect(try await server.request(.GET, "/notes/1").status == 404)
            let texts = try await server.request(.GET, "/notes").json?.arrayValue?.compactMap {
                $0.objectValue?["text"]?.stringValue
            }
            #expect(texts?.sorted() == ["from the file", "new", "second"])
            server.stop()
        }
    }

    @Test func aBadSeedStopsTheStartWithItsFileAndLine() async throws {
        try await withTemporaryDirectory { directory in
            try Self.seedSpec.replacingOccurrences(of: "{id: 2, text: second}", with: "{id: 2, text: 7}")
                .write(toFile: directory + "/notes.yaml", atomically: true, encoding: .utf8)
            try """
            {"table": "notes", "item": {"id": 3, "text": "this text is longer than twenty"}}
            {"table": "notez", "item": {"id": 4}}
            {"table": "notes", "item": {"text": "no id"}}
            """.write(toFile: directory + "/seed.jsonl", atomically: true, encoding: .utf8)
            let result = try await GatehouseProcess.run(["serve", "notes.yaml", "--seed", "seed.jsonl"], in: directory)
            #expect(result.status == 1)
            #expect(
                result.stderr == """
                    notes.yaml:6:7: error: the item does not match the schema 'Note' of table 'notes' at '/text': expected a string, found an integer 7
                    seed.jsonl:1: error: the item does not match the schema 'Note' of table 'notes' at '/text': expected a string of at most 20 characters, found 31: 'this text is longer than twenty'
                    seed.jsonl:2: error: 'notez' is not a table of the contract; its tables are 'notes'
                    seed.jsonl:3: error: the item has no 'id' (a string or a number): every stored item needs its id
                    error: 4 seed items have problems; nothing was seeded

                    """
            )
        }
    }

    @Test func aStoreThatCannotGrowFailsWritesWith503AndKeepsServing() async throws {
        // A file-size limit stands in for a full disk: it holds for root too, where a read-only file does not.
        try await withTemporaryDirectory { directory in
            let server = try await ServedGatehouse(
                [Self.todoSpec, "--store", "sqlite:\(directory)/store.sqlite"], in: directory,
                shellPrefix: "ulimit -f 512;")
            let description = String(repeating: "x", count: 400)
            var created = 0
            var failure: ServedGatehouse.Reply?
            for index in 0..<2_000 {
                let reply = try await server.send(
                    .POST, "/api/lists", json: #"{"name": "list \#(index)", "description": "\#(description)"}"#)
                if reply.status == 201 {
                    created += 1
                } else {
                    failure = reply
                    break
                }
            }
            let refused = try #require(failure)
            #expect(created > 0)
            #expect(refused.status == 503)
            #expect(refused.headers["Content-Type"] == ["application/problem+json"])
            #expect(refused.json?["detail"]?.stringValue?.hasPrefix("the mock store failed: storage failure") == true)
            #expect(server.process.isRunning)
            #expect(try await server.request(.GET, "/api/lists/1").status == 200)
            server.stop()
            #expect(server.standardError.contains("the table store failed; answering 503"))
        }
    }
}

/// The writes the server acknowledged with a 201, from concurrent clients.
final class Acknowledged: Sendable {
    let writes = Mutex<[(id: Int64, name: String)]>([])
}
