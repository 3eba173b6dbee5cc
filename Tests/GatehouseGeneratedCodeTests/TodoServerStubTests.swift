import Foundation
import GatehouseRuntime
import Testing
import TodoClient
import TodoServer

/// A to-do service implemented on the generated stubs: lists and to-dos in memory; the operations it leaves out
/// (`getCurrentUser`, the deletes) fall back to the mock engine.
actor InMemoryTodos: TodoAPIProtocol {
    var lists: [Int64: TodoList] = [:]
    var todos: [Int64: [Todo]] = [:]
    let now = Date(timeIntervalSince1970: 1_714_556_400)

    func createList(_ input: Operations.CreateList.Input) async throws -> Operations.CreateList.Output {
        let id = Int64(lists.count + 1)
        let list = TodoList(
            id: id, name: input.body.name, description: input.body.description, todoCount: 0, createdAt: now,
            updatedAt: now)
        lists[id] = list
        return .created(.init(body: list, location: "/api/lists/\(id)"))
    }

    func getList(_ input: Operations.GetList.Input) async throws -> Operations.GetList.Output {
        guard let list = lists[input.listId] else {
            return .notFound(.init(body: Problem(type: "about:blank", title: "Not Found", status: 404)))
        }
        return .ok(.init(body: list))
    }

    func listLists(_ input: Operations.ListLists.Input) async throws -> Operations.ListLists.Output {
        .ok(.init(body: lists.keys.sorted().compactMap { lists[$0] }))
    }

    func createTodo(_ input: Operations.CreateTodo.Input) async throws -> Operations.CreateTodo.Output {
        guard lists[input.listId] != nil else {
            return .notFound(.init(body: Problem(type: "about:blank", title: "Not Found", status: 404)))
        }
        let body = input.body
        let todo = Todo(
            id: "00000000-0000-4000-8000-00000000000\((todos[input.listId] ?? []).count + 1)", listId: input.listId,
            title: body.title,
            notes: body.notes, status: body.status ?? .open, priority: body.priority ?? .normal,
            dueDate: body.dueDate, reminder: body.reminder, tags: body.tags ?? [],
            attachments: body.attachments ?? [], completedAt: nil, createdAt: now, updatedAt: now)
        todos[input.listId, default: []].append(todo)
        return .created(.init(body: todo, location: "/api/lists/\(input.listId)/todos/\(todo.id)"))
    }

    func getTodo(_ input: Operations.GetTodo.Input) async throws -> Operations.GetTodo.Output {
        guard var todo = todos[input.listId]?.first(where: { $0.id == input.todoId }) else {
            return .notFound(.init(body: Problem(type: "about:blank", title: "Not Found", status: 404)))
        }
        // A priority this client version does not know, as a newer server might send.
        if todo.title == "from the future" { todo.priority = .unknown("urgent") }
        return .ok(.init(body: todo))
    }
}

/// A server on the generated stubs answers the generated client: typed inputs in, typed outputs out.
struct TodoServerStubTests {
    @Test func theImplementationAnswersAndTheRestFallsBackToMocks() async throws {
        let implementation = InMemoryTodos()
        try await GeneratedGateway.with(spec: "specs/todo.yaml", handlers: implementation.makeHandlers()) { url in
            let client = Client(serverURL: url, authentication: .init(apiKey: "k"))
            guard
                case .created(let list) = try await client.createList(
                    .init(body: NewTodoList(name: "Groceries", description: "For Saturday")))
            else {
                Issue.record("createList did not answer 201")
                return
            }
            #expect(list.body.id == 1)
            #expect(list.location == "/api/lists/1")
            #expect(list.body.createdAt == Date(timeIntervalSince1970: 1_714_556_400))
            #expect(await implementation.lists[1]?.description == "For Saturday")
            #expect(try await client.getList(.init(listId: 1)) == .ok(.init(body: list.body)))
            #expect(try await client.listLists() == .ok(.init(body: [list.body])))

            let reminder = Reminder(at: Date(timeIntervalSince1970: 1_715_241_600), channel: .sms)
            let attachments: [TodoClient.Attachment] = [
                .fileAttachment(FileAttachment(kind: "file", name: "list.pdf", size: 10, mediaType: "application/pdf")),
                .linkAttachment(LinkAttachment(kind: "link", url: "https://shop.example.com", title: "Shop")),
            ]
            let input = TodoInput(
                title: "Oat milk", notes: "Barista edition", priority: .low, dueDate: CalendarDate("2024-05-04"),
                reminder: reminder, tags: ["dairy-free"], attachments: attachments)
            guard case .created(let todo) = try await client.createTodo(.init(listId: 1, body: input)) else {
                Issue.record("createTodo did not answer 201")
                return
            }
            #expect(todo.body.reminder == reminder)
            #expect(todo.body.attachments == attachments)
            #expect(todo.body.dueDate == CalendarDate(year: 2024, month: 5, day: 4))
            #expect(todo.body.notes == "Barista edition")
            #expect(try await client.getTodo(.init(listId: 1, todoId: todo.body.id)) == .ok(.init(body: todo.body)))

            _ = try await client.createTodo(.init(listId: 1, body: TodoInput(title: "from the future")))
            guard
                case .ok(let future) = try await client.getTodo(
                    .init(listId: 1, todoId: "00000000-0000-4000-8000-000000000002"))
            else {
                Issue.record("getTodo did not answer 200")
                return
            }
            #expect(future.body.priority == .unknown("urgent"))

            #expect(
                try await client.getList(.init(listId: 9))
                    == .notFound(.init(body: Problem(type: "about:blank", title: "Not Found", status: 404))))

            // Not implemented: the mock engine answers from the contract's example.
            guard case .ok(let user) = try await client.getCurrentUser() else {
                Issue.record("getCurrentUser did not answer 200 from the mocks")
                return
            }
            #expect(user.body.email == "ada@example.com")

            // The gateway validates before the implementation sees the request, and its problem document is the
            // contract's typed 400.
            guard case .badRequest(let invalid) = try await client.createList(.init(body: NewTodoList(name: ""))) else {
                Issue.record("createList with an empty name did not answer 400")
                return
            }
            #expect(invalid.body.errors?.map(\.pointer) == ["/name"])
            #expect(await implementation.lists.count == 1)
        }
    }

    @Test func anImplementationThatThrowsAnswers500() async throws {
        struct Failing: TodoAPIProtocol {
            struct Broken: Error {}
            func listLists(_ input: Operations.ListLists.Input) async throws -> Operations.ListLists.Output {
                throw Broken()
            }
        }
        try await GeneratedGateway.with(spec: "specs/todo.yaml", handlers: Failing().makeHandlers()) { url in
            let client = Client(serverURL: url, authentication: .init(apiKey: "k"))
            guard case .undocumented(let status, let body) = try await client.listLists() else {
                Issue.record("expected an undocumented 500")
                return
            }
            #expect(status == 500)
            #expect(String(decoding: body, as: UTF8.self).contains("the implementation of 'listLists' failed"))
        }
    }
}
