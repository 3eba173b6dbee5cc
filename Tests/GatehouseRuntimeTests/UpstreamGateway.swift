import Foundation
import GatehouseJSON
import GatehouseStore
import Logging

@testable import GatehouseRuntime

/// A gateway in front of a `TestBackend`, for the upstream tests: the pets contract under `/v1`, forwarded to the
/// backend's `/api`, and the log lines the gateway wrote.
enum UpstreamGateway {
    static let spec = """
        openapi: 3.0.3
        info: {title: Pets behind a gateway, version: '1'}
        servers: [{url: /v1}]
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - {name: limit, in: query, schema: {type: integer, maximum: 100}}
              responses:
                '200':
                  description: the pets
                  content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}
            post:
              operationId: createPet
              requestBody:
                required: true
                content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}
              responses:
                '201':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
          /pets/{petId}:
            get:
              operationId: getPet
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer}}
              responses:
                '200':
                  description: the pet
                  headers:
                    X-Version: {required: true, schema: {type: integer}}
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
                '404':
                  description: no such pet
          /health:
            get:
              operationId: health
              x-gatehouse-upstream: mock
              responses:
                '200':
                  description: the gateway's own answer
                  content: {application/json: {schema: {type: object}, example: {status: mocked}}}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties: {id: {type: integer}, name: {type: string}}
            NewPet:
              type: object
              required: [name]
              additionalProperties: false
              properties: {name: {type: string}}
        """

    /// The backend's answers: pet 1 is valid; 2 has a name that is a number; 3 answers a status the contract does
    /// not declare; 4 answers text instead of JSON; 5 has a header that is not an integer.
    static let pets = TestBackend.Answering.custom(petAnswer)

    @Sendable static func petAnswer(_ request: TestBackend.Received) async -> TestBackend.Answer {
        let json = [("Content-Type", "application/json"), ("X-Version", "1")]
        switch request.path {
        case "/api/pets/1": return .init(headers: json, body: #"{"id": 1, "name": "Rex"}"#)
        case "/api/pets/2": return .init(headers: json, body: #"{"id": 2, "name": 42}"#)
        case "/api/pets/3": return .init(status: 418, headers: json, body: #"{"id": 3, "name": "Tea"}"#)
        case "/api/pets/4": return .init(headers: [("Content-Type", "text/plain"), ("X-Version", "1")], body: "Rex")
        case "/api/pets/5":
            let headers = [("Content-Type", "application/json"), ("X-Version", "one")]
            return .init(headers: headers, body: #"{"id": 5, "name": "Five"}"#)
        case "/api/pets":
            if request.method == "POST" { return .init(status: 201, body: #"{"id": 7, "name": "Created"}"#) }
            return .init(body: #"[{"id": 1, "name": "Rex"}]"#)
        default: return .init(status: 404, headers: [], body: "")
        }
    }

    /// The gateway's upstream settings a test changes.
    struct Settings {
        var timeout: Duration = .seconds(20)
        var strictResponses = false
        var mockOperations: Set<String> = []
        var fallsBackToMock = false
        var forwardsInvalidRequests = false
        /// A backend URL other than the test backend's `/api` (a stopped one).
        var url: String?
        var validatesRequests = true
        var corsOrigins: [String] = []
        /// A backend body longer than this is streamed to the client, not held.
        var bufferedBodyLimit = UpstreamConfiguration.defaultBufferedBodyLimit
        var requestTimeout: Duration = .seconds(29)
    }

    /// Starts a backend answering as `answering` says, then a gateway serving `spec` (its `BACKEND` replaced by the
    /// backend's origin) forwarding to the backend's `/api`.
    static func with<T>(
        spec: String = spec,
        answering: TestBackend.Answering = pets,
        settings: Settings = Settings(),
        keyStore: (any TableStore)? = nil,
        recorder: ExchangeRecorder? = nil,
        _ body: (RunningGateway, TestBackend, LogLines) async throws -> T
    ) async throws -> T {
        try await TestBackend.with(answering: answering) { backend in
            let upstream = UpstreamConfiguration(
                url: try UpstreamURL(settings.url ?? backend.baseURL + "/api"),
                timeout: settings.timeout,
                strictResponses: settings.strictResponses,
                mockOperations: settings.mockOperations,
                fallsBackToMock: settings.fallsBackToMock,
                forwardsInvalidRequests: settings.forwardsInvalidRequests,
                bufferedBodyLimit: settings.bufferedBodyLimit
            )
            let configuration = RuntimeConfiguration(
                validatesRequests: settings.validatesRequests, requestTimeout: settings.requestTimeout,
                corsOrigins: settings.corsOrigins, upstream: upstream)
            let lines = LogLines()
            var logger = Logger(label: "gatehouse-upstream-test") { _ in LogLines.Handler(lines: lines) }
            logger.logLevel = .warning
            return try await RunningGateway.with(
                spec: spec.replacingOccurrences(of: "BACKEND", with: backend.baseURL),
                configuration: configuration, keyStore: keyStore, logger: logger, recorder: recorder
            ) { gateway in
                try await body(gateway, backend, lines)
            }
        }
    }
}
