import Foundation
import Testing
import TodoClient

/// What the gateway answers by itself (refused credentials, a request that breaks the contract, a usage plan's
/// throttle) reaches the generated To-do client as the typed case the contract documents, with the problem document
/// and the documented headers decoded.
struct TodoGatewayErrorTests {
    /// Serves specs/todo.yaml with security enforced and keys "pro" (plan `pro`), "free" (plan `free`: deleteList
    /// allows a burst of 2) and "gone" (revoked); `body` gets the base URL and the secrets.
    static func withGateway(
        maxBodySize: Int? = nil, _ body: (URL, GatewayCredentials) async throws -> Void
    ) async throws {
        let credentials = try await GatewayCredentials.issue(["pro": "pro", "free": "free"], revoked: ["gone"])
        try await GeneratedGateway.with(
            spec: "specs/todo.yaml", store: credentials.store, access: try await GatewayCredentials.access(),
            maxBodySize: maxBodySize
        ) { url in
            try await body(url, credentials)
        }
    }

    @Test func deletingAListWithoutAValidKeyIsTheTypedForbiddenCase() async throws {
        try await Self.withGateway { url, credentials in
            let owner = Client(serverURL: url, authentication: .init(apiKey: try credentials.key("pro")))
            guard case .created(let list) = try await owner.createList(.init(body: NewTodoList(name: "Keep"))) else {
                Issue.record("createList did not answer 201")
                return
            }
            let callers: [(String, Client.Authentication, String)] = [
                ("no key", .init(), "this operation needs an API key in header 'X-API-Key'"),
                ("an unknown key", .init(apiKey: "not-issued"), "the API key is not valid: it is unknown or disabled"),
                (
                    "a revoked key", .init(apiKey: try credentials.key("gone")),
                    "the API key is not valid: it is unknown or disabled"
                ),
            ]
            for (caller, authentication, detail) in callers {
                let client = Client(serverURL: url, authentication: authentication)
                let deleted = try await client.deleteList(.init(listId: list.body.id))
                guard case .forbidden(let forbidden) = deleted else {
                    Issue.record("with \(caller): expected 403, got \(deleted)")
                    continue
                }
                #expect(
                    forbidden.body == Problem(type: "about:blank", title: "Forbidden", status: 403, detail: detail),
                    "with \(caller)")
            }
            #expect(try await owner.getList(.init(listId: list.body.id)) == .ok(.init(body: list.body)))
        }
    }

    @Test func theCurrentUserWithoutCredentialsOrWithABadTokenIsRefusedTyped() async throws {
        try await Self.withGateway { url, _ in
            let anonymous = Client(serverURL: url)
            let refused = try await anonymous.getCurrentUser()
            guard case .forbidden(let forbidden) = refused else {
                Issue.record("expected 403, got \(refused)")
                return
            }
            #expect(
                forbidden.body.detail
                    == "this operation needs one of: an API key in header 'X-API-Key'; a bearer token")

            let forged = try await GatewayCredentials.token(signedWith: Array("a-secret-the-gateway-never-saw!!".utf8))
            let impostor = Client(serverURL: url, authentication: .init(bearerAuth: forged))
            let denied = try await impostor.getCurrentUser()
            guard case .unauthorized(let unauthorized) = denied else {
                Issue.record("expected 401, got \(denied)")
                return
            }
            #expect(unauthorized.body.status == 401)
            #expect(unauthorized.body.detail == "the token's signature does not verify")
            #expect(
                unauthorized.wwwAuthenticate?.hasPrefix(#"Bearer realm="gatehouse", error="invalid_token""#) == true)
        }
    }

    @Test func aBodyBreakingTheContractIsTheTypedBadRequestWithPointers() async throws {
        try await Self.withGateway { url, credentials in
            let client = Client(serverURL: url, authentication: .init(apiKey: try credentials.key("pro")))
            let refused = try await client.createList(.init(body: NewTodoList(name: "")))
            guard case .badRequest(let badRequest) = refused else {
                Issue.record("expected 400, got \(refused)")
                return
            }
            #expect(badRequest.body.status == 400)
            #expect(badRequest.body.title == "Bad Request")
            #expect(badRequest.body.errors?.map(\.pointer) == ["/name"])
            #expect(badRequest.body.errors?.first?.detail.isEmpty == false)

            guard case .created(let list) = try await client.createList(.init(body: NewTodoList(name: "Chores"))) else {
                Issue.record("createList did not answer 201")
                return
            }
            let todo = TodoInput(title: "Sweep", tags: ["Not A Tag"])
            let rejected = try await client.createTodo(.init(listId: list.body.id, body: todo))
            guard case .badRequest(let badTodo) = rejected else {
                Issue.record("expected 400, got \(rejected)")
                return
            }
            #expect(badTodo.body.errors?.map(\.pointer) == ["/tags/0"])
        }
    }

    @Test func aParameterBreakingTheContractIsTheTypedBadRequestNamingIt() async throws {
        try await Self.withGateway { url, credentials in
            let client = Client(serverURL: url, authentication: .init(apiKey: try credentials.key("pro")))
            guard case .created(let list) = try await client.createList(.init(body: NewTodoList(name: "Chores"))) else {
                Issue.record("createList did not answer 201")
                return
            }
            let listed = try await client.listTodos(.init(listId: list.body.id, limit: 0))
            guard case .badRequest(let badRequest) = listed else {
                Issue.record("expected 400, got \(listed)")
                return
            }
            #expect(badRequest.body.errors?.map(\.parameter) == ["limit"])
            #expect(badRequest.body.errors?.map(\.pointer) == [nil])
        }
    }

    @Test func aThrottledCallIsTheTypedTooManyRequestsCase() async throws {
        try await Self.withGateway { url, credentials in
            let client = Client(serverURL: url, authentication: .init(apiKey: try credentials.key("free")))
            // The `free` plan lets a key delete 2 lists in a burst, then 1 a second; the gateway's clock stands still.
            var answers: [Operations.DeleteList.Output] = []
            for listId in Int64(1)...3 {
                answers.append(try await client.deleteList(.init(listId: listId)))
            }
            for answer in answers.prefix(2) {
                guard case .notFound = answer else {
                    Issue.record("expected 404 for a list that does not exist, got \(answer)")
                    return
                }
            }
            guard case .tooManyRequests(let throttled) = answers[2] else {
                Issue.record("expected 429, got \(answers[2])")
                return
            }
            #expect(throttled.body.status == 429)
            #expect(throttled.body.title == "Too Many Requests")
            #expect(throttled.body.type == "https://gatehouse.dev/problems/throttled")
            #expect(throttled.retryAfter == 1)
            #expect(throttled.rateLimitLimit == 2)
            #expect(throttled.rateLimitRemaining == 0)
        }
    }

    @Test func aBodyOverTheLimitIsTheTypedContentTooLargeCase() async throws {
        try await Self.withGateway(maxBodySize: 64) { url, credentials in
            let client = Client(serverURL: url, authentication: .init(apiKey: try credentials.key("pro")))
            let created = try await client.createList(.init(body: NewTodoList(name: String(repeating: "L", count: 90))))
            guard case .contentTooLarge(let tooLarge) = created else {
                Issue.record("expected 413, got \(created)")
                return
            }
            #expect(tooLarge.body.status == 413)
            #expect(tooLarge.body.detail == "the request body is larger than the limit of 64 bytes")
        }
    }

    @Test func creatingPastTheFreeBurstIsTheTypedTooManyRequestsCase() async throws {
        try await Self.withGateway { url, credentials in
            let client = Client(serverURL: url, authentication: .init(apiKey: try credentials.key("free")))
            // The `free` plan allows a burst of 10 calls, then 5 a second; the gateway's clock stands still.
            var created = 0
            var refused: Operations.CreateList.Output?
            for index in 0..<20 {
                let answer = try await client.createList(.init(body: NewTodoList(name: "List \(index)")))
                guard case .created = answer else {
                    refused = answer
                    break
                }
                created += 1
            }
            #expect(created == 10)
            guard case .tooManyRequests(let throttled) = refused else {
                Issue.record("expected 429 after the burst, got \(refused.map { "\($0)" } ?? "no refusal")")
                return
            }
            #expect(throttled.body.type == "https://gatehouse.dev/problems/throttled")
            #expect(throttled.retryAfter == 1)
            #expect(throttled.rateLimitLimit == 10)
            #expect(throttled.rateLimitRemaining == 0)
        }
    }
}
