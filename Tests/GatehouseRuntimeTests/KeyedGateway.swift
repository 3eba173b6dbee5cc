import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import Logging
import Testing

/// A contract with every kind of security requirement, and helpers that issue keys before serving it.
enum KeyedGateway {
    static let spec = """
        openapi: 3.1.0
        info: {title: Keys, version: '1'}
        paths:
          /open:
            get:
              operationId: open
              responses: {'200': {description: ok, content: {application/json: {schema: {type: object}, example: {open: true}}}}}
          /keyed:
            get:
              operationId: keyed
              security: [{headerKey: []}]
              responses: {'200': {description: ok, content: {application/json: {schema: {type: object}, example: {keyed: true}}}}}
          /either:
            get:
              operationId: either
              security: [{headerKey: []}, {bearer: []}]
              responses: {'200': {description: ok}}
          /both:
            get:
              operationId: both
              security: [{headerKey: [], queryKey: []}]
              responses: {'200': {description: ok}}
          /query:
            get:
              operationId: query
              security: [{queryKey: []}]
              responses: {'200': {description: ok}}
          /cookie:
            get:
              operationId: cookie
              security: [{cookieKey: []}]
              responses: {'200': {description: ok}}
          /flagged:
            get:
              operationId: flagged
              x-amazon-apigateway-api-key-required: true
              responses: {'200': {description: ok}}
          /basic:
            get:
              operationId: basic
              security: [{basic: []}]
              responses: {'200': {description: ok}}
          /bearer:
            get:
              operationId: bearer
              security: [{bearer: []}]
              responses: {'200': {description: ok}}
          /maybe:
            get:
              operationId: maybe
              security: [{}, {headerKey: []}]
              responses: {'200': {description: ok}}
        components:
          securitySchemes:
            headerKey: {type: apiKey, in: header, name: X-API-Key}
            queryKey: {type: apiKey, in: query, name: api_key}
            cookieKey: {type: apiKey, in: cookie, name: session_key}
            bearer: {type: http, scheme: bearer, bearerFormat: JWT}
            basic: {type: http, scheme: basic}
        x-gatehouse-usage-plans:
          default: free
          plans:
            free:
              throttle: {rate: 1000, burst: 1000}
              quota: {limit: 1000, period: DAY}
            tight:
              throttle: {rate: 1, burst: 3}
              operations:
                maybe: {throttle: {rate: 1, burst: 1}}
            daily:
              quota: {limit: 3, period: DAY}
            monthly:
              quota: {limit: 2, period: MONTH}
        """

    /// Issues keys (`name: plan`) in a new memory store, serves `spec` with it and runs `body` with the secrets.
    static func with<T>(
        spec: String = spec,
        keys: KeyValuePairs<String, String?> = ["alice": nil],
        access: AccessConfiguration = AccessConfiguration(),
        store: any TableStore = MemoryTableStore(),
        logger: Logger? = nil,
        _ body: (RunningGateway, [String: String], APIKeyStore) async throws -> T
    ) async throws -> T {
        let keyStore = APIKeyStore(store: store)
        var secrets: [String: String] = [:]
        for (name, plan) in keys {
            if let existing = try await keyStore.key(named: name) {
                #expect(existing.name == name)
                continue
            }
            secrets[name] = try await keyStore.create(name: name, plan: plan).secret
        }
        return try await RunningGateway.with(
            spec: spec, configuration: RuntimeConfiguration(access: access), keyStore: store, logger: logger
        ) { gateway in
            try await body(gateway, secrets, keyStore)
        }
    }
}
