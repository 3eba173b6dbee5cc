import Foundation
import GatehouseStore
import PetstoreClient
import Testing

/// A URLSession transport that records what it sends.
struct PetstoreTransport: HTTPTransport {
    let log = RequestLog()
    let base = URLSessionTransport()

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.record(
            .init(method: request.method, url: request.url, headers: request.headerFields.map { ($0.name, $0.value) }))
        return try await base.send(request)
    }
}

/// The generated Petstore client against a running gateway serving specs/petstore.yaml (stateful mocks), with the
/// contract's security enforced: the client's key is one the gateway issued.
struct PetstoreClientTests {
    static func withClient(_ body: (Client, RequestLog) async throws -> Void) async throws {
        let credentials = try await GatewayCredentials.issue(["app": nil])
        try await GeneratedGateway.with(
            spec: "specs/petstore.yaml", store: credentials.store, access: try await GatewayCredentials.access()
        ) { url in
            let transport = PetstoreTransport()
            let client = Client(
                serverURL: url, authentication: .init(apiKey: try credentials.key("app")), transport: transport)
            try await body(client, transport.log)
        }
    }

    @Test func everyOperationRoundTripsThroughTheGateway() async throws {
        try await Self.withClient { client, log in
            let created = try await client.createPet(
                .init(body: NewPet(name: "Rex", tag: "dog", status: .pending, birthDate: CalendarDate("2021-03-14"))))
            guard case .created(let createdPet) = created else {
                Issue.record("expected 201, got \(created)")
                return
            }
            #expect(log.lastHeader("X-API-Key") == client.authentication.apiKey)
            #expect(log.lastHeader("Content-Type") == "application/json")
            #expect(createdPet.body.name == "Rex")
            #expect(createdPet.body.status == .pending)
            #expect(createdPet.body.birthDate == CalendarDate(year: 2021, month: 3, day: 14))
            #expect(createdPet.location == "/v1/pets/\(createdPet.body.id)")

            let shown = try await client.showPetById(.init(petId: createdPet.body.id))
            #expect(shown == .ok(.init(body: createdPet.body)))

            let updated = try await client.updatePet(.init(petId: createdPet.body.id, body: NewPet(name: "Rex II")))
            guard case .ok(let updatedPet) = updated else {
                Issue.record("expected 200, got \(updated)")
                return
            }
            #expect(updatedPet.body.name == "Rex II")
            #expect(updatedPet.body.tag == nil)

            guard case .ok(let all) = try await client.listPets(.init(limit: 10)) else {
                Issue.record("expected 200 for the list")
                return
            }
            #expect(all.body.map(\.name).contains("Rex II"))
            let listed = try await client.listPets(
                .init(limit: 10, tag: ["dog", "cat"], xRequestId: "3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04"))
            guard case .ok(let page) = listed else {
                Issue.record("expected 200, got \(listed)")
                return
            }
            // The mock filters by the query parameters that name item properties: the update dropped Rex's tag.
            #expect(!page.body.map(\.name).contains("Rex II"))
            // listPets declares `security: []`: no key is sent, and the array goes out as `form` without explode.
            #expect(log.lastHeader("X-API-Key") == nil)
            #expect(log.last?.url.query == "limit=10&tag=dog,cat")
            #expect(log.lastHeader("X-Request-Id") == "3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04")

            let deleted = try await client.deletePet(.init(petId: createdPet.body.id))
            #expect(deleted == .noContent(.init()))

            let missing = try await client.showPetById(.init(petId: createdPet.body.id))
            guard case .notFound(let notFound) = missing else {
                Issue.record("expected 404, got \(missing)")
                return
            }
            #expect(notFound.body.code == 404)
        }
    }

    @Test func mockedErrorsDecodeIntoTheirTypedCases() async throws {
        try await Self.withClient { client, _ in
            var notFound = client
            notFound.additionalHeaderFields = [HTTPHeaderField(name: "Prefer", value: "code=404")]
            guard case .notFound(let missing) = try await notFound.showPetById(.init(petId: 42)) else {
                Issue.record("expected 404")
                return
            }
            #expect(missing.body == ErrorModel(code: 404, message: "No pet with id 42."))

            var failing = client
            failing.additionalHeaderFields = [HTTPHeaderField(name: "Prefer", value: "code=500")]
            let unexpected = try await failing.listPets()
            guard case .default(let status, let body) = unexpected else {
                Issue.record("expected the default response, got \(unexpected)")
                return
            }
            #expect(status == 500)
            #expect(body.body.message == "internal error")
        }
    }

    @Test func unknownEnumValuesRoundTrip() throws {
        let decoded = try JSONCoding.makeDecoder().decode(
            Pet.self, from: Data(#"{"id":1,"name":"Rex","status":"reserved"}"#.utf8))
        #expect(decoded.status == .unknown("reserved"))
        let encoded = try JSONCoding.makeEncoder().encode(decoded)
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"id":1,"name":"Rex","status":"reserved"}"#)
    }

    @Test func aTransportFailureIsAClientError() async throws {
        let client = Client(serverURL: URL(string: "http://127.0.0.1:1/v1")!)
        await #expect {
            _ = try await client.listPets()
        } throws: { error in
            (error as? ClientError)?.code == .transport
        }
    }
}
