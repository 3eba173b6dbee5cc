import Foundation
import GatehouseStore
import Testing
import TodoClient

/// A URLSession transport that records what it sends.
struct TodoTransport: HTTPTransport {
    let log = RequestLog()
    let base = URLSessionTransport()

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.record(
            .init(method: request.method, url: request.url, headers: request.headerFields.map { ($0.name, $0.value) }))
        return try await base.send(request)
    }
}

/// The generated To-do client against a running gateway serving specs/todo.yaml (stateful mocks), with the contract's
/// security enforced: the key is one the gateway issued (on the `pro` plan, whose throttle these tests stay under),
/// the bearer token a JWT signed with the secret the gateway verifies with.
struct TodoClientTests {
    /// Runs `body` with a client that authenticates with `bearerToken` when given, else with the issued key.
    static func withClient(
        bearerToken: String? = nil,
        _ body: (Client, RequestLog) async throws -> Void
    ) async throws {
        let credentials = try await GatewayCredentials.issue(["app": "pro"])
        let authentication: Client.Authentication =
            if let bearerToken { .init(bearerAuth: bearerToken) } else { .init(apiKey: try credentials.key("app")) }
        try await GeneratedGateway.with(
            spec: "specs/todo.yaml", store: credentials.store, access: try await GatewayCredentials.access()
        ) { url in
            let transport = TodoTransport()
            try await body(Client(serverURL: url, authentication: authentication, transport: transport), transport.log)
        }
    }

    @Test func listsAndTheirTodosRoundTripThroughTheGateway() async throws {
        try await Self.withClient { client, log in
            guard case .created(let list) = try await client.createList(.init(body: NewTodoList(name: "Groceries")))
            else {
                Issue.record("createList did not answer 201")
                return
            }
            #expect(log.lastHeader("X-API-Key") == client.authentication.apiKey)
            #expect(list.body.name == "Groceries")
            #expect(list.location.hasSuffix("/lists/\(list.body.id)"))

            #expect(try await client.getList(.init(listId: list.body.id)) == .ok(.init(body: list.body)))

            let renamed = try await client.updateList(
                .init(listId: list.body.id, body: .mergePatchJson(TodoListPatch(name: "Weekend groceries"))))
            guard case .ok(let patched) = renamed else {
                Issue.record("updateList answered \(renamed)")
                return
            }
            #expect(log.lastHeader("Content-Type") == "application/merge-patch+json")
            #expect(patched.body.name == "Weekend groceries")

            guard case .ok(let lists) = try await client.listLists() else {
                Issue.record("listLists did not answer 200")
                return
            }
            #expect(lists.body.map(\.id) == [list.body.id])

            let input = TodoInput(
                title: "Book the dentist", priority: .high, dueDate: CalendarDate("2024-05-10"),
                reminder: Reminder(at: Date(timeIntervalSince1970: 1_715_241_600), channel: .push),
                tags: ["health"],
                attachments: [
                    .linkAttachment(LinkAttachment(kind: "link", url: "https://dentist.example.com/booking")),
                    .fileAttachment(FileAttachment(kind: "file", name: "card.pdf", size: 48213)),
                ]
            )
            guard case .created(let todo) = try await client.createTodo(.init(listId: list.body.id, body: input))
            else {
                Issue.record("createTodo did not answer 201")
                return
            }
            #expect(todo.body.title == "Book the dentist")
            #expect(todo.body.priority == .high)
            #expect(todo.body.reminder == input.reminder)
            #expect(todo.body.attachments == input.attachments)
            #expect(todo.body.dueDate == CalendarDate(year: 2024, month: 5, day: 10))

            let fetched = try await client.getTodo(.init(listId: list.body.id, todoId: todo.body.id))
            #expect(fetched == .ok(.init(body: todo.body)))

            let replaced = try await client.replaceTodo(
                .init(
                    listId: list.body.id, todoId: todo.body.id, body: TodoInput(title: "Dentist booked", status: .done))
            )
            guard case .ok(let done) = replaced else {
                Issue.record("replaceTodo answered \(replaced)")
                return
            }
            #expect(done.body.status == .done)

            guard case .ok(let page) = try await client.listTodos(.init(listId: list.body.id, limit: 5, status: .done))
            else {
                Issue.record("listTodos did not answer 200")
                return
            }
            #expect(log.last?.url.query == "limit=5&status=done")
            #expect(page.body.items.map(\.id) == [todo.body.id])

            #expect(
                try await client.deleteTodo(.init(listId: list.body.id, todoId: todo.body.id)) == .noContent(.init()))
            #expect(try await client.deleteList(.init(listId: list.body.id)) == .noContent(.init()))
            guard case .notFound(let missing) = try await client.getList(.init(listId: list.body.id)) else {
                Issue.record("getList of a deleted list did not answer 404")
                return
            }
            #expect(missing.body.status == 404)
        }
    }

    @Test func theCurrentUserWithABearerToken() async throws {
        let token = try await GatewayCredentials.token()
        try await Self.withClient(bearerToken: token) { client, log in
            guard case .ok(let user) = try await client.getCurrentUser() else {
                Issue.record("getCurrentUser did not answer 200")
                return
            }
            #expect(log.lastHeader("Authorization") == "Bearer \(token)")
            #expect(log.lastHeader("X-API-Key") == nil)
            #expect(!user.body.email.isEmpty)
        }
    }

    @Test func theCurrentUserWithAnAPIKey() async throws {
        try await Self.withClient { client, log in
            guard case .ok(let user) = try await client.getCurrentUser() else {
                Issue.record("getCurrentUser did not answer 200")
                return
            }
            #expect(log.lastHeader("X-API-Key") == client.authentication.apiKey)
            #expect(log.lastHeader("Authorization") == nil)
            #expect(!user.body.displayName.isEmpty)
        }
    }

    @Test func documentedErrorsAreTypedProblems() async throws {
        try await Self.withClient { client, _ in
            var invalid = client
            invalid.additionalHeaderFields = [HTTPHeaderField(name: "Prefer", value: "code=400")]
            let refused = try await invalid.createList(.init(body: NewTodoList(name: "Groceries")))
            guard case .badRequest(let problem) = refused else {
                Issue.record("expected 400, got \(refused)")
                return
            }
            #expect(problem.body.status == 400)
            #expect(problem.body.errors?.first?.pointer == "/title")

            var unauthorized = client
            unauthorized.additionalHeaderFields = [HTTPHeaderField(name: "Prefer", value: "code=401")]
            guard case .unauthorized(let denied) = try await unauthorized.listLists() else {
                Issue.record("expected 401")
                return
            }
            #expect(denied.body.title == "Unauthorized")
        }
    }
}
