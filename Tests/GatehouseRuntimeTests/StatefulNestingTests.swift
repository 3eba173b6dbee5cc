import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseStore
import GatehouseStoreSQLite
import NIOHTTP1
import Testing

/// Nested collections respect their parent (issue 15, bug 10): the todos of a list that does not exist are a 404
/// where the contract declares one, and a deleted list's todos go with it.
struct StatefulNestingTests {
    static let json = [("Content-Type", "application/json")]

    @Test func aMissingParentIsAMissingCollection() async throws {
        try await RunningGateway.with(
            spec: "specs/todo.yaml", configuration: .init(validatesResponses: true), store: MemoryTableStore()
        ) { gateway in
            let orphan = try await gateway.request(
                .POST, "/api/lists/99999/todos", headers: Self.json, body: #"{"title": "Orphan"}"#)
            #expect(orphan.status == 404)
            #expect(orphan.json?["detail"] == .string("no 'lists' item with id '99999'"))
            #expect(orphan.headers["Gatehouse-Contract-Violation"] == [])
            let listed = try await gateway.request(.GET, "/api/lists/99999/todos")
            #expect(listed.status == 404)
            #expect(listed.headers["Gatehouse-Contract-Violation"] == [])
        }
    }

    @Test func deletingAListTakesItsTodos() async throws {
        try await RunningGateway.with(
            spec: "specs/todo.yaml", configuration: RunningGateway.openAccess, store: MemoryTableStore()
        ) { gateway in
            let list = try await gateway.request(.POST, "/api/lists", headers: Self.json, body: #"{"name": "A"}"#)
            let listId = try #require(list.json?["id"]?.numberValue?.int64)
            let todo = try await gateway.request(
                .POST, "/api/lists/\(listId)/todos", headers: Self.json, body: #"{"title": "Milk"}"#)
            #expect(todo.status == 201)
            let todoId = try #require(todo.json?["id"]?.stringValue)
            #expect(try await gateway.request(.GET, "/api/lists/\(listId)/todos/\(todoId)").status == 200)

            let deleted = try await gateway.request(.DELETE, "/api/lists/\(listId)")
            #expect(deleted.status == 204)
            #expect(try await gateway.request(.GET, "/api/lists/\(listId)/todos/\(todoId)").status == 404)
            #expect(try await gateway.request(.GET, "/api/lists/\(listId)/todos").status == 404)
        }
    }

    /// Creates racing the deletion of their list: each is a 201 or the list's 404, and once the DELETE has answered
    /// no to-do is left under the list, however the two interleaved (the create checks its list in its own
    /// transaction, and the delete sweeps the to-dos again after the list is gone).
    @Test func aListDeletedWhileTodosAreCreatedKeepsNoneOfThem() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gatehouse-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteTableStore(path: directory.appendingPathComponent("store.sqlite").path)
        try await RunningGateway.with(spec: "specs/todo.yaml", configuration: RunningGateway.openAccess, store: store) {
            gateway in
            for round in 0..<10 {
                let list = try await gateway.request(
                    .POST, "/api/lists", headers: Self.json, body: #"{"name": "L\#(round)"}"#)
                let listId = try #require(list.json?["id"]?.numberValue?.int64)
                let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                    for index in 0..<48 {
                        if index == 16 {
                            group.addTask {
                                ("delete", try await gateway.request(.DELETE, "/api/lists/\(listId)").status)
                            }
                        }
                        group.addTask {
                            let created = try await gateway.request(
                                .POST, "/api/lists/\(listId)/todos", headers: Self.json, body: #"{"title": "T"}"#)
                            return ("create", created.status)
                        }
                    }
                    var statuses: [(String, Int)] = []
                    for try await status in group { statuses.append(status) }
                    return statuses
                }
                #expect(statuses.filter { $0.0 == "delete" }.map(\.1) == [204])
                #expect(statuses.filter { $0.0 == "create" }.allSatisfy { $0.1 == 201 || $0.1 == 404 })
                let left = try await store.query(table: "todos", TableQuery(partition: .string("\(listId)")))
                #expect(left.items.count == 0, "round \(round): to-dos left under the deleted list")
            }
        }
    }

    @Test func aListFiltersByTheQueryParametersNamingItemProperties() async throws {
        let configuration = RuntimeConfiguration(
            validatesResponses: true, access: AccessConfiguration(enforcesSecurity: false))
        try await RunningGateway.with(spec: "specs/todo.yaml", configuration: configuration, store: MemoryTableStore())
        {
            gateway in
            _ = try await gateway.request(.POST, "/api/lists", headers: Self.json, body: #"{"name": "A"}"#)
            for (title, status) in [("Milk", "open"), ("Bread", "done"), ("Eggs", "open"), ("Tea", "open")] {
                let created = try await gateway.request(
                    .POST, "/api/lists/1/todos", headers: Self.json, body: #"{"title": "\#(title)"}"#)
                let id = try #require(created.json?["id"]?.stringValue)
                if status == "done" {
                    let replaced = try await gateway.request(
                        .PUT, "/api/lists/1/todos/\(id)", headers: Self.json,
                        body: #"{"title": "\#(title)", "status": "done"}"#)
                    #expect(replaced.status == 200)
                }
            }
            let done = try await gateway.request(.GET, "/api/lists/1/todos?status=done")
            #expect(done.json?["items"]?.arrayValue?.map { $0["title"] } == [.string("Bread")])
            // Pages of open to-dos: two, then the third, then no more.
            let first = try await gateway.request(.GET, "/api/lists/1/todos?status=open&limit=2")
            #expect(first.json?["items"]?.arrayValue?.map { $0["title"] } == [.string("Milk"), .string("Eggs")])
            #expect(first.headers["Gatehouse-Contract-Violation"] == [])
            let cursor = try #require(first.json?["nextCursor"]?.stringValue)
            let second = try await gateway.request(.GET, "/api/lists/1/todos?status=open&limit=2&cursor=\(cursor)")
            #expect(second.json?["items"]?.arrayValue?.map { $0["title"] } == [.string("Tea")])
        }
    }

    /// A nested collection whose contract declares no 404 for its list: the list of a missing parent is empty, and
    /// the items of a deleted parent are gone.
    static let undeclared = """
        openapi: 3.1.0
        info: {title: Folders, version: '1'}
        paths:
          /folders:
            post:
              requestBody:
                content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Folder'}
                      example: {id: 1, name: Inbox}
          /folders/{folderId}:
            parameters: [{name: folderId, in: path, required: true, schema: {type: integer}}]
            get:
              responses:
                '200':
                  description: a folder
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Folder'}
                      example: {id: 1, name: Inbox}
            delete:
              responses:
                '204': {description: deleted}
          /folders/{folderId}/files:
            parameters: [{name: folderId, in: path, required: true, schema: {type: string}}]
            get:
              responses:
                '200':
                  description: files
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/File'}}
                      example: [{id: 1, name: a.txt}]
            post:
              requestBody:
                content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/File'}
                      example: {id: 1, name: a.txt}
        components:
          schemas:
            Folder: {type: object, required: [id, name], properties: {id: {type: integer}, name: {type: string}}}
            File: {type: object, required: [id, name], properties: {id: {type: integer}, name: {type: string}}}
        """

    @Test func aDeletedParentsItemsAreGoneWhereNo404IsDeclared() async throws {
        try await RunningGateway.with(spec: Self.undeclared, store: MemoryTableStore()) { gateway in
            #expect(
                try await gateway.request(.POST, "/folders", headers: Self.json, body: #"{"name": "A"}"#).status == 201)
            let file = try await gateway.request(
                .POST, "/folders/1/files", headers: Self.json, body: #"{"name": "b.txt"}"#)
            #expect(file.status == 201)
            #expect(try await gateway.request(.GET, "/folders/1/files").json?.arrayValue?.count == 1)
            #expect(try await gateway.request(.DELETE, "/folders/1").status == 204)
            let listed = try await gateway.request(.GET, "/folders/1/files")
            #expect(listed.status == 200)
            #expect(listed.json?.arrayValue?.count == 0)
            // A parent id longer than a key can be is a parent that does not exist, not a store failure.
            let long = String(repeating: "9", count: 1100)
            #expect(try await gateway.request(.GET, "/folders/\(long)/files").json?.arrayValue?.count == 0)
        }
    }
}
