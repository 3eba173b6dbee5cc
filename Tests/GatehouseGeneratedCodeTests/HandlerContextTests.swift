import Foundation
import GatehouseJSON
import GatehouseRuntime
import Testing
import TodoClient
import TodoServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a handler on the generated stubs sees of the caller through the `context:` form of its method.
struct HandlerContextTests {
    /// Answers `getCurrentUser` with the caller's name, and keeps every context it saw.
    actor Whoami: TodoAPIProtocol {
        var seen: [HandlerContext] = []

        func getCurrentUser(_ input: Operations.GetCurrentUser.Input, context: HandlerContext) async throws
            -> Operations.GetCurrentUser.Output
        {
            seen.append(context)
            let user = User(
                id: "2c9d4f60-7e1a-4b3c-9d8e-0f1a2b3c4d5e", email: "someone@example.com",
                displayName: context.principal?.name ?? "nobody", timeZone: "UTC",
                plan: context.principal?.plan == "pro" ? .pro : .free, createdAt: Date(timeIntervalSince1970: 0))
            return .ok(.init(body: user))
        }

        /// An operation anyone may call (the contract's security includes `{}`).
        func listLists(_ input: Operations.ListLists.Input, context: HandlerContext) async throws
            -> Operations.ListLists.Output
        {
            seen.append(context)
            return .ok(.init(body: []))
        }
    }

    static func get(_ url: URL, _ path: String = "users/me", headers: [String: String]) async throws -> (
        status: Int, displayName: String?
    ) {
        var request = URLRequest(url: url.appendingPathComponent(path))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object?["displayName"] as? String)
    }

    @Test func aHandlerSeesTheKeyTheTokenOrNoOne() async throws {
        let credentials = try await GatewayCredentials.issue(["mobile-app": "pro"])
        let whoami = Whoami()
        try await GeneratedGateway.with(
            spec: "specs/todo.yaml", store: credentials.store, handlers: whoami.makeHandlers(),
            access: try await GatewayCredentials.access()
        ) { url in
            let key = try credentials.key("mobile-app")
            let byKey = try await Self.get(url, headers: ["X-API-Key": key, "X-Request-Id": "req-by-key"])
            #expect(byKey.status == 200)
            #expect(byKey.displayName == "mobile-app")
            let token = try await GatewayCredentials.token(subject: "ada")
            let byToken = try await Self.get(url, headers: ["Authorization": "Bearer \(token)"])
            #expect(byToken.status == 200)
            #expect(byToken.displayName == "ada")
            // getCurrentUser needs credentials: the gateway refuses an anonymous call before the handler.
            #expect(try await Self.get(url, headers: [:]).status == 403)
            let anonymous = try await Self.get(url, "lists", headers: [:])
            #expect(anonymous.status == 200)

            let seen = await whoami.seen
            try #require(seen.count == 3)
            #expect(seen[0].principal == .apiKey(name: "mobile-app", plan: "pro"))
            #expect(seen[0].requestId == "req-by-key")
            guard case .bearer(let claims) = seen[1].principal else {
                Issue.record("the token's caller is \(String(describing: seen[1].principal))")
                return
            }
            #expect(claims?["sub"]?.stringValue == "ada")
            #expect(claims?["exp"]?.numberValue != nil)
            #expect(seen[2].principal == nil)
            #expect(!seen[2].requestId.isEmpty)
            // The table store the gateway was given is the handler's too.
            #expect(seen[0].store != nil)
        }
    }
}
