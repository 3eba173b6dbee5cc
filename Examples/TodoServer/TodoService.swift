import Foundation
import GatehouseJSON
import GatehouseRuntime
import TodoClient
import TodoServer

/// An API team's first steps from mocks to a real service: two operations of specs/todo.yaml are implemented in
/// Swift, every other one still answers from the gateway's mock engine (the stub defaults throw `MockFallback`).
struct TodoService: TodoAPIProtocol {
    let decoder = JSONCoding.makeDecoder()

    /// The caller, from the credential the gateway admitted: an API key's name and plan, or a token's claims. The
    /// first call of a caller makes their profile in the `users` table; later calls (and restarts) read it back.
    func getCurrentUser(_ input: Operations.GetCurrentUser.Input, context: HandlerContext) async throws
        -> Operations.GetCurrentUser.Output
    {
        guard let principal = context.principal, let name = principal.name else {
            return .unauthorized(
                .init(
                    body: Problem(
                        type: "about:blank", title: "Unauthorized", status: 401,
                        detail: "who you are is known only with an API key or a bearer token")))
        }
        if let user = try await context.mockItem(User.self, in: "users", id: name, decoder: decoder) {
            return .ok(.init(body: user))
        }
        let created = JSONObject([
            "id": .string(UUID().uuidString.lowercased()),
            "email": .string(principal.bearerClaim("email") ?? "\(name)@example.com"),
            "displayName": .string(name),
            "timeZone": .string("UTC"),
            "plan": .string(principal.plan == "pro" ? "pro" : "free"),
            "createdAt": .string(Date().ISO8601Format()),
        ])
        try await context.putMockItem(created, in: "users", id: name)
        return .ok(.init(body: try decoder.decode(User.self, from: Data(JSONWriter.string(.object(created)).utf8))))
    }

    /// A list with its real to-do count: the list and its to-dos are what the mocked `createList` and `createTodo`
    /// stored. The count is written back, so the mocked `listLists` shows it too.
    func getList(_ input: Operations.GetList.Input, context: HandlerContext) async throws -> Operations.GetList.Output {
        let id = String(input.listId)
        guard var list = try await context.mockItem(in: "lists", id: id) else {
            return .notFound(
                .init(body: Problem(type: "about:blank", title: "Not Found", status: 404, detail: "no list \(id)")))
        }
        let todos = try await context.mockItems(in: "todos", under: [id])
        list["todoCount"] = .number(JSONNumber(todos.count))
        try await context.putMockItem(list, in: "lists", id: id)
        return .ok(.init(body: try decoder.decode(TodoList.self, from: Data(JSONWriter.string(.object(list)).utf8))))
    }
}

extension Principal {
    /// A string claim of a verified bearer token; nil for an API key.
    func bearerClaim(_ name: String) -> String? {
        guard case .bearer(let claims) = self else { return nil }
        return claims?[name]?.stringValue
    }
}
