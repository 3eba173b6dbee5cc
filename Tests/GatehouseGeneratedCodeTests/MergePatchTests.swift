import Foundation
import GatehouseStore
import Testing
import TodoClient
import TodoServer

/// A transport that keeps the bodies the client sends, to see the merge patch as it goes over the wire.
final class BodyRecordingTransport: HTTPTransport, Sendable {
    private let base = URLSessionTransport()
    private let lock = NSLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private var bodies: [String] = []

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let body = request.body.map { String(decoding: $0, as: UTF8.self) } ?? ""
        lock.withLock { bodies.append(body) }
        return try await base.send(request)
    }

    var lastBody: String? { lock.withLock { bodies.last } }
}

/// What a server implementation saw in `TodoListPatch.description`: kept (absent), cleared (`null`) or set.
actor PatchRecorder: TodoAPIProtocol {
    private(set) var descriptions: [Nullable<ListDescription>?] = []
    private var list = TodoList(
        id: 1, name: "Groceries", description: "For Saturday", todoCount: 0,
        createdAt: Date(timeIntervalSince1970: 1_714_556_400), updatedAt: Date(timeIntervalSince1970: 1_714_556_400))

    func updateList(_ input: Operations.UpdateList.Input) async throws -> Operations.UpdateList.Output {
        let patch: TodoListPatch
        switch input.body {
        case .mergePatchJson(let body), .json(let body): patch = body
        }
        descriptions.append(patch.description)
        if let name = patch.name { list.name = name }
        switch patch.description {
        case nil: break
        case .null?: list.description = nil
        case .value(let description)?: list.description = description
        }
        return .ok(.init(body: list))
    }
}

/// JSON Merge Patch through the generated code: a client can clear a member (`null`) as well as keep it (absent),
/// and a server on the stubs can tell the two apart.
struct MergePatchTests {
    @Test func theClientClearsADescriptionWithNullAndKeepsItWhenAbsent() async throws {
        try await GeneratedGateway.with(spec: "specs/todo.yaml", store: MemoryTableStore()) { url in
            let transport = BodyRecordingTransport()
            let client = Client(serverURL: url, authentication: .init(apiKey: "todo-key"), transport: transport)
            guard
                case .created(let created) = try await client.createList(
                    .init(body: NewTodoList(name: "Groceries", description: "For Saturday")))
            else {
                Issue.record("createList did not answer 201")
                return
            }
            let id = created.body.id
            #expect(created.body.description == "For Saturday")

            // Absent: the description is kept.
            let renamed = try await client.updateList(
                .init(listId: id, body: .mergePatchJson(TodoListPatch(name: "Weekend groceries"))))
            #expect(transport.lastBody == #"{"name":"Weekend groceries"}"#)
            guard case .ok(let afterRename) = renamed else {
                Issue.record("updateList answered \(renamed)")
                return
            }
            #expect(afterRename.body.name == "Weekend groceries")
            #expect(afterRename.body.description == "For Saturday")

            // `null`: the description is cleared, and stays cleared (the gateway answers `"description": null`).
            let cleared = try await client.updateList(
                .init(listId: id, body: .mergePatchJson(TodoListPatch(description: .null))))
            #expect(transport.lastBody == #"{"description":null}"#)
            guard case .ok(let afterClear) = cleared else {
                Issue.record("updateList answered \(cleared)")
                return
            }
            #expect(afterClear.body.description == nil)
            guard case .ok(let fetched) = try await client.getList(.init(listId: id)) else {
                Issue.record("getList did not answer 200")
                return
            }
            #expect(fetched.body.description == nil)
            #expect(fetched.body.name == "Weekend groceries")

            // A value sets it again, through the plain JSON media type this time.
            _ = try await client.updateList(.init(listId: id, body: .json(TodoListPatch(description: "Sunday too"))))
            #expect(transport.lastBody == #"{"description":"Sunday too"}"#)
            guard case .ok(let again) = try await client.getList(.init(listId: id)) else {
                Issue.record("getList did not answer 200")
                return
            }
            #expect(again.body.description == "Sunday too")
        }
    }

    @Test func aServerOnTheStubsTellsNullFromAbsent() async throws {
        let recorder = PatchRecorder()
        try await GeneratedGateway.with(spec: "specs/todo.yaml", handlers: recorder.makeHandlers()) { url in
            let client = Client(serverURL: url, authentication: .init(apiKey: "k"))
            let patches: [Operations.UpdateList.Body] = [
                .mergePatchJson(TodoListPatch(name: "Weekend groceries")),
                .mergePatchJson(TodoListPatch(description: .null)),
                .json(TodoListPatch(description: .value("For Sunday"))),
            ]
            var descriptions: [ListDescription?] = []
            for patch in patches {
                guard case .ok(let list) = try await client.updateList(.init(listId: 1, body: patch)) else {
                    Issue.record("updateList did not answer 200 for \(patch)")
                    return
                }
                descriptions.append(list.body.description)
            }
            #expect(await recorder.descriptions == [nil, .null, .value("For Sunday")])
            #expect(descriptions == ["For Saturday", nil, "For Sunday"])
        }
    }
}
