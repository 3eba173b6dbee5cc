import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import GatehouseStoreSQLite
import NIOHTTP1
import Testing

/// Table-backed mocks through a real server: the CRUD story of specs/todo.yaml on an SQLite file, and a restart.
struct StatefulMockTests {
    static let json = [("Content-Type", "application/json")]

    @Test func crudStoryOnTheTodoContractSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gatehouse-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let configuration = RuntimeConfiguration(validatesResponses: true)

        let todoId = try await RunningGateway.with(
            spec: "specs/todo.yaml",
            configuration: configuration,
            store: try SQLiteTableStore(path: path)
        ) { gateway in
            // Create two lists: integer ids from a sequence, the fields the client sent, what the schema requires
            // and the client cannot send (`todoCount`, the timestamps) from the example; the nullable
            // `description`, which the client could have sent, is null rather than the example's text.
            let groceries = try await gateway.request(
                .POST, "/api/lists", headers: Self.json, body: #"{"name": "Groceries"}"#)
            #expect(groceries.status == 201)
            #expect(groceries.json?["id"] == .number(JSONNumber(1)))
            #expect(groceries.json?["name"] == .string("Groceries"))
            #expect(groceries.json?["todoCount"] == .number(JSONNumber(0)))
            #expect(groceries.json?["description"] == .null)
            #expect(groceries.headers["Gatehouse-Contract-Violation"] == [])
            let work = try await gateway.request(.POST, "/api/lists", headers: Self.json, body: #"{"name": "Work"}"#)
            #expect(work.json?["id"] == .number(JSONNumber(2)))

            // Read back; a patch merges; an unknown id is 404.
            #expect(try await gateway.request(.GET, "/api/lists/1").json?["name"] == .string("Groceries"))
            let patched = try await gateway.request(
                .PATCH, "/api/lists/2", headers: [("Content-Type", "application/merge-patch+json")],
                body: #"{"description": "Office things"}"#
            )
            #expect(patched.status == 200)
            #expect(patched.json?["name"] == .string("Work"))
            #expect(patched.json?["description"] == .string("Office things"))
            // The store's key attributes stay in the store (`TodoList` is an open schema, so nothing else drops them).
            #expect(patched.json?["_partition"] == nil)
            #expect(patched.json?["_id"] == nil)
            // `null` clears the description; `TodoList` requires the member (nullable), so it stays, as null.
            let cleared = try await gateway.request(
                .PATCH, "/api/lists/2", headers: [("Content-Type", "application/merge-patch+json")],
                body: #"{"description": null}"#
            )
            #expect(cleared.status == 200)
            #expect(cleared.json?["description"] == .null)
            #expect(try await gateway.request(.GET, "/api/lists/2").json?["description"] == .null)
            // The contract's 404 example, about list 42, is told which item is missing.
            let missing = try await gateway.request(.GET, "/api/lists/99")
            #expect(missing.status == 404)
            #expect(missing.json?["detail"] == .string("no 'lists' item with id '99'"))
            #expect(missing.json?["instance"] == .string("/api/lists/99"))
            #expect(missing.json?["title"] == .string("Not Found"))

            // Todos nested under list 1: uuid ids, Location, a partition per list, pages with a cursor.
            var ids: [String] = []
            for title in ["Milk", "Bread", "Eggs"] {
                let created = try await gateway.request(
                    .POST, "/api/lists/1/todos", headers: Self.json, body: #"{"title": "\#(title)"}"#
                )
                #expect(created.status == 201)
                #expect(created.headers["Gatehouse-Contract-Violation"] == [])
                let id = try #require(created.json?["id"]?.stringValue)
                #expect(UUID(uuidString: id) != nil)
                #expect(created.headers["Location"] == ["/api/lists/1/todos/\(id)"])
                ids.append(id)
            }
            let firstPage = try await gateway.request(.GET, "/api/lists/1/todos?limit=2")
            // Oldest first, as with integer ids: the made-up uuids sort by creation time.
            #expect(firstPage.json?["items"]?.arrayValue?.map { $0["id"] } == ids.prefix(2).map { .string($0) })
            let cursor = try #require(firstPage.json?["nextCursor"]?.stringValue)
            let secondPage = try await gateway.request(.GET, "/api/lists/1/todos?limit=2&cursor=\(cursor)")
            #expect(secondPage.json?["items"]?.arrayValue?.count == 1)
            #expect(secondPage.json?["nextCursor"] == .null)
            #expect(try await gateway.request(.GET, "/api/lists/2/todos").json?["items"]?.arrayValue?.count == 0)

            // Replace, delete, and 404 after delete.
            let replaced = try await gateway.request(
                .PUT, "/api/lists/1/todos/\(ids[0])", headers: Self.json,
                body: #"{"title": "Oat milk", "priority": "high"}"#
            )
            #expect(replaced.status == 200)
            #expect(replaced.json?["title"] == .string("Oat milk"))
            #expect(try await gateway.request(.DELETE, "/api/lists/1/todos/\(ids[1])").status == 204)
            #expect(try await gateway.request(.GET, "/api/lists/1/todos/\(ids[1])").status == 404)
            #expect(try await gateway.request(.DELETE, "/api/lists/1/todos/\(ids[1])").status == 404)
            return ids[0]
        }

        // A new server on the same file sees everything the first one acknowledged.
        try await RunningGateway.with(spec: "specs/todo.yaml", store: try SQLiteTableStore(path: path)) { gateway in
            let todo = try await gateway.request(.GET, "/api/lists/1/todos/\(todoId)")
            #expect(todo.status == 200)
            #expect(todo.json?["title"] == .string("Oat milk"))
            #expect(try await gateway.request(.GET, "/api/lists").json?.arrayValue?.count == 2)
            let third = try await gateway.request(.POST, "/api/lists", headers: Self.json, body: #"{"name": "Later"}"#)
            #expect(third.json?["id"] == .number(JSONNumber(3)))
        }
    }

    static let clientIds = """
        openapi: 3.1.0
        info: {title: Client ids, version: '1'}
        paths:
          /things:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, required: [id], properties: {id: {type: string}, size: {type: integer}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {type: object, required: [id], properties: {id: {type: string}, size: {type: integer}}}
                      example: {id: a, size: 1}
                '4XX':
                  description: a client error, such as a thing with this id that exists
                  content: {application/problem+json: {schema: {type: object}}}
          /things/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            get:
              responses:
                '200':
                  description: a thing
                  content:
                    application/json:
                      schema: {type: object, required: [id], properties: {id: {type: string}, size: {type: integer}}}
                      example: {id: a, size: 1}
        """

    @Test func aDuplicateCreateIs409AndChangesNothing() async throws {
        try await RunningGateway.with(spec: Self.clientIds, store: MemoryTableStore()) { gateway in
            let first = try await gateway.request(
                .POST, "/things", headers: Self.json, body: #"{"id": "t1", "size": 5}"#)
            #expect(first.status == 201)
            let again = try await gateway.request(
                .POST, "/things", headers: Self.json, body: #"{"id": "t1", "size": 9}"#)
            #expect(again.status == 409)
            #expect(again.headers["Content-Type"] == ["application/problem+json"])
            #expect(try await gateway.request(.GET, "/things/t1").json?["size"] == .number(JSONNumber(5)))
        }
    }

    @Test func missingItemsAnswerWithTheContractsOwn404() async throws {
        try await RunningGateway.with(
            spec: "specs/petstore.yaml",
            configuration: .init(validatesResponses: true, access: .init(enforcesSecurity: false)),
            store: MemoryTableStore()
        ) { gateway in
            let missing = try await gateway.request(.GET, "/v1/pets/1")
            #expect(missing.status == 404)
            #expect(missing.headers["Content-Type"] == ["application/json"])
            #expect(missing.json?["code"] == .number(JSONNumber(404)))
            #expect(missing.headers["Gatehouse-Contract-Violation"] == [])
            let created = try await gateway.request(
                .POST, "/v1/pets", headers: Self.json, body: #"{"name": "Rex", "tag": "dog"}"#
            )
            #expect(created.body == #"{"id":1,"name":"Rex","tag":"dog"}"#)
            #expect(created.headers["Location"] == ["/v1/pets/1"])
            #expect(try await gateway.request(.GET, "/v1/pets/1").body == #"{"id":1,"name":"Rex","tag":"dog"}"#)
        }
    }

    static let explicitTables = """
        openapi: 3.1.0
        info: {title: Explicit tables, version: '1'}
        paths:
          /signup:
            post:
              x-gatehouse-table: {name: users, action: create}
              requestBody:
                content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
              responses:
                '201':
                  description: signed up
                  content:
                    application/json:
                      schema: {type: object, required: [id, name], properties: {id: {type: integer}, name: {type: string}}}
                      example: {id: 1, name: Ada}
          /profiles/{userId}:
            get:
              x-gatehouse-table: {name: users, action: read}
              parameters: [{name: userId, in: path, required: true, schema: {type: integer}}]
              responses:
                '200':
                  description: a profile
                  content:
                    application/json:
                      schema: {type: object, required: [id, name], properties: {id: {type: integer}, name: {type: string}}}
                      example: {id: 1, name: Ada}
        """

    @Test func theTableExtensionMapsOperationsTheRESTShapeDoesNot() async throws {
        try await RunningGateway.with(spec: Self.explicitTables, store: MemoryTableStore()) { gateway in
            let created = try await gateway.request(.POST, "/signup", headers: Self.json, body: #"{"name": "Grace"}"#)
            #expect(created.status == 201)
            #expect(created.body == #"{"id":1,"name":"Grace"}"#)
            #expect(try await gateway.request(.GET, "/profiles/1").body == #"{"id":1,"name":"Grace"}"#)
            #expect(try await gateway.request(.GET, "/profiles/2").status == 404)
        }
    }

    @Test func preferStillSelectsAStaticMock() async throws {
        try await RunningGateway.with(spec: "specs/todo.yaml", store: MemoryTableStore()) { gateway in
            let notFound = try await gateway.request(
                .GET, "/api/lists/1", headers: [("Prefer", "code=404"), ("Accept", "application/problem+json")]
            )
            #expect(notFound.status == 404)
            let example = try await gateway.request(.GET, "/api/lists/1", headers: [("Prefer", "dynamic=true")])
            #expect(example.status == 200)
        }
    }
}
