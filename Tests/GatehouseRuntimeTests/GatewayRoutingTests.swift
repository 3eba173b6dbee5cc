import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import NIOHTTP1
import Testing

/// Routing, methods and the problem+json errors, through a real server and client.
struct GatewayRoutingTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Routes, version: '1'}
        servers: [{url: 'http://localhost:8080/api'}]
        paths:
          /files/{name}.{ext}:
            parameters:
              - {name: name, in: path, required: true, schema: {type: string}}
              - {name: ext, in: path, required: true, schema: {type: string, enum: [txt, json]}}
            get:
              operationId: getFile
              responses:
                '200': {description: ok, content: {text/plain: {schema: {type: string}, example: hello}}}
          /files/latest.txt:
            get:
              operationId: getLatest
              responses:
                '200': {description: ok, content: {text/plain: {schema: {type: string}, example: newest}}}
          /items:
            post:
              operationId: createItem
              x-amazon-apigateway-request-validator: bodyOnly
              parameters: [{name: dryRun, in: query, schema: {type: boolean}}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [name], properties: {name: {type: string}}}
              responses:
                '201': {description: created}
        x-amazon-apigateway-request-validators:
          bodyOnly: {validateRequestBody: true, validateRequestParameters: false}
        """

    @Test func literalPathsWinAndSeveralParametersShareASegment() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            let latest = try await gateway.request(.GET, "/api/files/latest.txt")
            #expect(latest.status == 200)
            #expect(latest.body == "newest")
            let file = try await gateway.request(.GET, "/api/files/report.json")
            #expect(file.status == 200)
            #expect(file.body == "hello")
            let badExtension = try await gateway.request(.GET, "/api/files/report.exe")
            #expect(badExtension.status == 400)
            #expect(badExtension.json?["errors"]?[0]?["location"] == .string("path.ext"))
        }
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            let missing = try await gateway.request(.GET, "/api/nothing")
            #expect(missing.status == 404)
            #expect(missing.headers["Content-Type"] == ["application/problem+json"])
            #expect(missing.json?["detail"] == .string("no operation of the contract matches 'GET /api/nothing'"))
            #expect(try await gateway.request(.GET, "/files/latest.txt").status == 404)  // outside the base path

            let wrongMethod = try await gateway.request(.DELETE, "/api/items")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["Allow"] == ["POST"])
            // A method HTTP knows but OpenAPI does not describe gets 405 with Allow; a made-up method is
            // refused by the HTTP parser with 400.
            let propfind = try await gateway.request(NIOHTTP1.HTTPMethod(rawValue: "PROPFIND"), "/api/items")
            #expect(propfind.status == 405)
            #expect(propfind.headers["Allow"] == ["POST"])
            #expect(try await gateway.request(NIOHTTP1.HTTPMethod(rawValue: "BREW"), "/api/items").status == 400)
        }
    }

    @Test func optionsListsTheMethodsAndHeadAnswersLikeGetWithoutABody() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            let options = try await gateway.request(.OPTIONS, "/api/items")
            #expect(options.status == 204)
            #expect(options.headers["Allow"] == ["POST, OPTIONS"])
            let head = try await gateway.request(.HEAD, "/api/files/latest.txt")
            #expect(head.status == 200)
            #expect(head.body == "")
            #expect(head.headers["Content-Type"].first?.hasPrefix("text/plain") == true)
        }
    }

    @Test func validationFailuresAreProblemDocuments() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            let invalid = try await gateway.request(
                .POST, "/api/items?dryRun=maybe", headers: [("Content-Type", "application/json")], body: #"{"name": 5}"#
            )
            #expect(invalid.status == 400)
            #expect(invalid.headers["Content-Type"] == ["application/problem+json"])
            // The operation's request validator checks the body only, so 'dryRun=maybe' passes.
            #expect(
                invalid.body
                    == ##"{"type":"https://gatehouse.dev/problems/request-validation","title":"Bad Request","status":400,"detail":"the request does not match the contract of 'createItem': 1 problem","errors":[{"detail":"expected a string, found an integer 5","pointer":"/name","location":"body/name","keyword":"type","message":"expected a string, found an integer 5","schema":"#/paths/~1items/post/requestBody/content/application~1json/schema/properties/name/type"}]}"##
            )

            let unsupported = try await gateway.request(
                .POST, "/api/items", headers: [("Content-Type", "text/csv")], body: "name")
            #expect(unsupported.status == 415)

            let missing = try await gateway.request(.POST, "/api/items")
            #expect(missing.status == 400)
            #expect(missing.json?["errors"]?[0]?["keyword"] == .string("required-body"))
        }
    }

    @Test func validationCanBeTurnedOffForARun() async throws {
        try await RunningGateway.with(spec: Self.spec, configuration: .init(validatesRequests: false)) { gateway in
            let created = try await gateway.request(
                .POST, "/api/items", headers: [("Content-Type", "text/csv")], body: "x")
            #expect(created.status == 201)
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        try await RunningGateway.with(spec: Self.spec, configuration: .init(maxBodySize: 1024)) { gateway in
            let big = String(repeating: "a", count: 4096)
            let reply = try await gateway.request(
                .POST, "/api/items", headers: [("Content-Type", "application/json")], body: #"{"name": "\#(big)"}"#
            )
            #expect(reply.status == 413)
            #expect(reply.json?["title"] == .string("Content Too Large"))
        }
    }

    @Test func requestIdIsEchoedOrGenerated() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            let echoed = try await gateway.request(
                .GET, "/api/files/latest.txt", headers: [("X-Request-Id", "trace-42")])
            #expect(echoed.headers["X-Request-Id"] == ["trace-42"])
            let generated = try await gateway.request(.GET, "/api/files/latest.txt")
            #expect(generated.headers["X-Request-Id"].first.flatMap(UUID.init(uuidString:)) != nil)
        }
    }

    @Test func corsPreflightIsAnsweredFromTheContract() async throws {
        try await RunningGateway.with(spec: Self.spec, configuration: .init(corsOrigins: ["https://app.example"])) {
            gateway in
            let preflight = try await gateway.request(
                .OPTIONS,
                "/api/items",
                headers: [("Origin", "https://app.example"), ("Access-Control-Request-Method", "POST")]
            )
            #expect(preflight.status == 204)
            #expect(preflight.headers["Access-Control-Allow-Origin"] == ["https://app.example"])
            #expect(preflight.headers["Access-Control-Allow-Methods"] == ["POST, OPTIONS"])
            let simple = try await gateway.request(
                .GET, "/api/files/latest.txt", headers: [("Origin", "https://evil.example")])
            #expect(simple.headers["Access-Control-Allow-Origin"] == [])
        }
    }

    @Test func corsPreflightAllowsTheAPIKeyHeadersTheContractAsksFor() async throws {
        try await RunningGateway.with(spec: "specs/todo.yaml", configuration: .init(corsOrigins: ["*"])) { gateway in
            let preflight = try await gateway.request(
                .OPTIONS,
                "/api/lists/1",
                headers: [("Origin", "https://docs.example"), ("Access-Control-Request-Method", "DELETE")]
            )
            #expect(preflight.status == 204)
            let allowed = preflight.headers["Access-Control-Allow-Headers"].first ?? ""
            #expect(allowed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains("X-API-Key"))
        }
    }

    @Test func metricsCountRequestsByOperationAndStatus() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            _ = try await gateway.request(.GET, "/api/files/latest.txt")
            _ = try await gateway.request(.GET, "/api/files/latest.txt")
            let metrics = try await gateway.request(.GET, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains(#"gatehouse_requests_total{operation="getLatest",status="200"} 2"#))
            #expect(metrics.body.contains("gatehouse_request_duration_seconds"))
        }
    }
}
