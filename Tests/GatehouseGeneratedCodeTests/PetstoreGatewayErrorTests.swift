import Foundation
import PetstoreClient
import Testing

/// What the gateway answers by itself (a missing, unknown or revoked API key, a request that breaks the contract, a
/// body over the limit) reaches the generated Petstore client as the typed case the contract documents, with the
/// problem document decoded: never `undocumented`, never a decoding error.
struct PetstoreGatewayErrorTests {
    /// Serves specs/petstore.yaml with security enforced; `body` gets a client for each key ("app" valid, "gone"
    /// revoked) and one without a key.
    static func withClients(
        maxBodySize: Int? = nil,
        _ body: (_ keyed: Client, _ revoked: Client, _ anonymous: Client) async throws -> Void
    ) async throws {
        let credentials = try await GatewayCredentials.issue(["app": nil], revoked: ["gone"])
        try await GeneratedGateway.with(
            spec: "specs/petstore.yaml", store: credentials.store, access: try await GatewayCredentials.access(),
            maxBodySize: maxBodySize
        ) { url in
            try await body(
                Client(serverURL: url, authentication: .init(apiKey: try credentials.key("app"))),
                Client(serverURL: url, authentication: .init(apiKey: try credentials.key("gone"))),
                Client(serverURL: url))
        }
    }

    @Test func aCallWithoutAKeyIsTheTypedForbiddenCase() async throws {
        try await Self.withClients { _, _, anonymous in
            let refused = try await anonymous.createPet(.init(body: NewPet(name: "Rex")))
            guard case .forbidden(let forbidden) = refused else {
                Issue.record("expected 403, got \(refused)")
                return
            }
            #expect(
                forbidden.body
                    == Problem(
                        type: "about:blank", title: "Forbidden", status: 403,
                        detail: "this operation needs an API key in header 'X-API-Key'"))
            // The catalogue needs no key.
            guard case .ok = try await anonymous.listPets() else {
                Issue.record("listPets refused a call without a key")
                return
            }
        }
    }

    @Test func unknownAndRevokedKeysAreTheTypedForbiddenCase() async throws {
        try await Self.withClients { keyed, revoked, _ in
            guard case .created(let pet) = try await keyed.createPet(.init(body: NewPet(name: "Rex"))) else {
                Issue.record("createPet with a valid key did not answer 201")
                return
            }
            var unknown = keyed
            unknown.authentication.apiKey = "gh_not-a-key-the-gateway-issued"
            for client in [unknown, revoked] {
                let shown = try await client.showPetById(.init(petId: pet.body.id))
                guard case .forbidden(let forbidden) = shown else {
                    Issue.record("expected 403, got \(shown)")
                    continue
                }
                #expect(forbidden.body.status == 403)
                #expect(forbidden.body.detail == "the API key is not valid: it is unknown or disabled")
                let deleted = try await client.deletePet(.init(petId: pet.body.id))
                guard case .forbidden = deleted else {
                    Issue.record("expected 403, got \(deleted)")
                    continue
                }
            }
            // Nothing the refused calls asked for happened.
            #expect(try await keyed.showPetById(.init(petId: pet.body.id)) == .ok(.init(body: pet.body)))
        }
    }

    @Test func aParameterBreakingTheContractIsTheTypedBadRequestNamingIt() async throws {
        try await Self.withClients { keyed, _, _ in
            let listed = try await keyed.listPets(.init(limit: 500))
            guard case .badRequest(let badRequest) = listed else {
                Issue.record("expected 400, got \(listed)")
                return
            }
            #expect(badRequest.body.status == 400)
            #expect(badRequest.body.type == "https://gatehouse.dev/problems/request-validation")
            #expect(badRequest.body.detail == "the request does not match the contract of 'listPets': 1 problem")
            #expect(
                badRequest.body.errors == [
                    ProblemError(
                        detail: "expected a number at most 100, found 500", parameter: "limit",
                        location: "query.limit", keyword: "maximum")
                ])
        }
    }

    @Test func aBodyBreakingTheContractIsTheTypedBadRequestWithPointers() async throws {
        try await Self.withClients { keyed, _, _ in
            let created = try await keyed.createPet(
                .init(body: NewPet(name: "", tag: String(repeating: "t", count: 41))))
            guard case .badRequest(let badRequest) = created else {
                Issue.record("expected 400, got \(created)")
                return
            }
            #expect(badRequest.body.detail == "the request does not match the contract of 'createPet': 2 problems")
            let errors = badRequest.body.errors ?? []
            #expect(errors.map(\.pointer) == ["/name", "/tag"])
            #expect(errors.map(\.keyword) == ["minLength", "maxLength"])
            #expect(errors.allSatisfy { $0.parameter == nil && $0.header == nil && !$0.detail.isEmpty })

            // A path parameter is named as such.
            let shown = try await keyed.showPetById(.init(petId: 0))
            guard case .badRequest(let badPath) = shown else {
                Issue.record("expected 400, got \(shown)")
                return
            }
            #expect(badPath.body.errors?.map(\.parameter) == ["petId"])
        }
    }

    @Test func aBodyOverTheLimitIsTheTypedContentTooLargeCase() async throws {
        try await Self.withClients(maxBodySize: 64) { keyed, _, _ in
            let created = try await keyed.createPet(.init(body: NewPet(name: String(repeating: "R", count: 90))))
            guard case .contentTooLarge(let tooLarge) = created else {
                Issue.record("expected 413, got \(created)")
                return
            }
            #expect(tooLarge.body.status == 413)
            #expect(tooLarge.body.detail == "the request body is larger than the limit of 64 bytes")
        }
    }
}
