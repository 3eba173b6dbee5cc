import GatehouseJSON
import Testing

@testable import GatehouseSpec

/// The gateway extensions read once by the front end: malformed ones reported at their node with the exact text a
/// user sees, well-formed ones as typed values on the model.
struct GatewayExtensionsTests {
    /// One malformed document and the diagnostics of the rule under test, as `line:col: severity: message [rule]`.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var lines: [String]
        var testDescription: String { name }
    }

    static let header = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n"

    static let usagePlanCases = [
        Case(
            name: "every problem of the plans, at its member",
            yaml: """
                x-gatehouse-usage-plans:
                  default: gold
                  extra: 1
                  anonymous: {throttle: {burst: 2}}
                  plans:
                    free:
                      throttle: {rate: -1}
                      quota: {limit: 10, period: YEAR}
                    pro: {throttle: {rate: 5, burst: 0, size: 1}}
                paths: {}
                """,
            lines: [
                "4:12: error: no plan named 'gold' [usage-plans]",
                "5:10: error: unknown member; expected 'default', 'anonymous' or 'plans' [usage-plans]",
                "6:25: error: must be a number of requests per second above 0 (at most 1000000) [usage-plans]",
                "9:24: error: must be a number of requests per second above 0 (at most 1000000) [usage-plans]",
                "10:34: error: must be DAY, WEEK or MONTH [usage-plans]",
                "11:38: error: must be a whole number of requests above 0 [usage-plans]",
                "11:47: error: unknown member; expected 'rate' and 'burst' [usage-plans]",
            ]),
        Case(
            name: "a default plan that is declared but malformed is reported once, at its own problem",
            yaml: """
                x-gatehouse-usage-plans:
                  default: free
                  plans:
                    free: {throttle: {rate: 0, burst: 1}}
                paths: {}
                """,
            lines: [
                "6:29: error: must be a number of requests per second above 0 (at most 1000000) [usage-plans]"
            ]),
        Case(
            name: "plans that are not an object",
            yaml: """
                x-gatehouse-usage-plans: [free]
                paths: {}
                """,
            lines: [
                "3:26: error: must be an object [usage-plans]"
            ]),
    ]

    @Test(arguments: usagePlanCases)
    func malformedUsagePlansAreErrorsAtTheirMember(_ row: Case) {
        #expect(check(Self.header + row.yaml).lines(rule: .usagePlans) == row.lines)
    }

    static let tableCases = [
        Case(
            name: "members of the wrong type and unknown members",
            yaml: """
                paths:
                  /todos:
                    post:
                      x-gatehouse-table: {name: 3, action: upsert, key: '', size: 1}
                      responses: {'201': {description: made}}
                """,
            lines: [
                "6:33: warning: 'name' of 'x-gatehouse-table' must be a table name [gateway-table]",
                "6:44: warning: 'action' of 'x-gatehouse-table' must be 'create', 'read', 'replace', 'merge', 'delete' or 'list' [gateway-table]",
                "6:57: warning: 'key' of 'x-gatehouse-table' must be the name of the id property [gateway-table]",
                "6:61: warning: unknown member 'size' of 'x-gatehouse-table'; expected 'name', 'action' or 'key' [gateway-table]",
            ]),
        Case(
            name: "a path that implies no table needs a name and an action",
            yaml: """
                paths:
                  /search/{a}/{b}:
                    get:
                      x-gatehouse-table: {key: id}
                      responses: {'200': {description: ok}}
                  /report:
                    post:
                      x-gatehouse-table: true
                      responses: {'200': {description: ok}}
                """,
            lines: [
                "6:26: warning: the path of 'getSearchByAByB' implies no table, so 'x-gatehouse-table' needs 'name' and 'action' [gateway-table]",
                "10:26: warning: 'x-gatehouse-table' must be an object with 'name', 'action' and 'key' [gateway-table]",
            ]),
    ]

    @Test(arguments: tableCases)
    func malformedTableMappingsAreWarningsAtTheirMember(_ row: Case) {
        #expect(check(Self.header + row.yaml).lines(rule: .gatewayTable) == row.lines)
    }

    static let seedCases = [
        Case(
            name: "tables that are not arrays and items that are not objects",
            yaml: """
                x-gatehouse-seed:
                  todos:
                    - {id: 1}
                    - 2
                  lists: {id: 1}
                paths:
                  /todos:
                    get:
                      responses: {'200': {description: ok}}
                """,
            lines: [
                "6:7: error: a seed item must be an object [gateway-seed]",
                "7:10: error: the seed of table 'lists' must be an array of items [gateway-seed]",
            ]),
        Case(
            name: "a seed that is not an object",
            yaml: """
                x-gatehouse-seed: [1]
                paths:
                  /todos:
                    get:
                      responses: {'200': {description: ok}}
                """,
            lines: [
                "3:19: error: 'x-gatehouse-seed' must map table names to arrays of items [gateway-seed]"
            ]),
        Case(
            name: "a table no operation maps to",
            yaml: """
                x-gatehouse-seed:
                  notes: [{id: 1}]
                paths: {}
                """,
            lines: [
                "4:3: error: 'notes' is not a table of the contract (no operation maps to a table) [gateway-seed]"
            ]),
    ]

    @Test(arguments: seedCases)
    func malformedSeedsAreErrorsAtTheirNode(_ row: Case) {
        #expect(check(Self.header + row.yaml).lines(rule: .gatewaySeed) == row.lines)
    }

    static let apiGatewayCases = [
        Case(
            name: "key source, key flag and validators",
            yaml: """
                x-amazon-apigateway-api-key-source: COOKIE
                x-amazon-apigateway-request-validators:
                  all: {validateRequestBody: yes, validateRequestParameters: true, strict: true}
                  broken: true
                x-amazon-apigateway-request-validator: none
                paths:
                  /a:
                    get:
                      x-amazon-apigateway-api-key-required: 'true'
                      x-amazon-apigateway-request-validator: 7
                      responses: {'200': {description: ok}}
                """,
            lines: [
                "3:37: warning: 'x-amazon-apigateway-api-key-source' must be 'HEADER' or 'AUTHORIZER' [apigateway-extension]",
                "5:30: warning: 'validateRequestBody' of request validator 'all' must be true or false [apigateway-extension]",
                "5:68: warning: unknown member 'strict' of request validator 'all'; expected 'validateRequestBody' or 'validateRequestParameters' [apigateway-extension]",
                "6:11: warning: request validator 'broken' must be an object with 'validateRequestBody' and 'validateRequestParameters' [apigateway-extension]",
                "7:40: warning: request validator 'none' is not declared in 'x-amazon-apigateway-request-validators'; every request is validated [apigateway-extension]",
                "11:45: warning: 'x-amazon-apigateway-api-key-required' must be true or false [apigateway-extension]",
                "12:46: warning: 'x-amazon-apigateway-request-validator' must be the name of a request validator [apigateway-extension]",
            ]),
        Case(
            name: "integration members, type, status codes, patterns and templates",
            yaml: #"""
                paths:
                  /a:
                    get:
                      responses: {'200': {description: ok}}
                      x-amazon-apigateway-integration:
                        type: lambda
                        requestTemplates: {application/json: 1}
                        timeout: 3
                        responses:
                          '(':
                            statusCode: 700
                            responseParameters: {method.response.header.X: 1}
                            responseTemplates: {text/plain: [ok]}
                            body: x
                          default: 3
                  /b:
                    get:
                      responses: {'200': {description: ok}}
                      x-amazon-apigateway-integration: mock
                """#,
            lines: [
                "8:15: warning: 'type' of 'x-amazon-apigateway-integration' must be 'mock', 'http', 'http_proxy', 'aws' or 'aws_proxy' [apigateway-extension]",
                "9:46: warning: request template 'application/json' of 'x-amazon-apigateway-integration' must be a string [apigateway-extension]",
                "10:9: warning: unknown member 'timeout' of 'x-amazon-apigateway-integration'; expected 'type', 'uri', 'httpMethod', 'credentials', 'requestParameters', 'requestTemplates', 'passthroughBehavior', 'cacheNamespace', 'cacheKeyParameters', 'contentHandling', 'timeoutInMillis', 'connectionType', 'connectionId', 'responses', 'tlsConfig', 'integrationSubtype' or 'payloadFormatVersion' [apigateway-extension]",
                "12:11: warning: the selection pattern '(' of integration response '(' is not a regular expression [apigateway-extension]",
                "13:25: warning: 'statusCode' of integration response '(' must be a status code from 100 to 599 [apigateway-extension]",
                "14:60: warning: response parameter 'method.response.header.X' of integration response '(' must be a string [apigateway-extension]",
                "15:45: warning: response template 'text/plain' of integration response '(' must be a string [apigateway-extension]",
                "16:13: warning: unknown member 'body' of integration response '('; expected 'statusCode', 'selectionPattern', 'responseParameters', 'responseTemplates' or 'contentHandling' [apigateway-extension]",
                "17:20: warning: integration response 'default' must be an object [apigateway-extension]",
                "21:40: warning: 'x-amazon-apigateway-integration' must be an object [apigateway-extension]",
            ]),
    ]

    @Test(arguments: apiGatewayCases)
    func malformedAPIGatewayExtensionsAreWarningsAtTheirMember(_ row: Case) {
        #expect(check(Self.header + row.yaml).lines(rule: .apiGatewayExtension) == row.lines)
    }
}

/// Well-formed extensions as the typed model holds them.
struct GatewayExtensionsModelTests {
    static let spec = #"""
        openapi: 3.1.0
        info: {title: T, version: '1'}
        x-gatehouse-usage-plans:
          default: free
          anonymous: {throttle: {rate: 2}}
          plans:
            free:
              description: For trying.
              throttle: {rate: 5, burst: 10}
              quota: {limit: 1000, period: day}
              operations: {deleteTodo: {throttle: {rate: 1, burst: 2}}}
        x-gatehouse-seed:
          todos: [{id: 1, title: Milk}, {id: 2, title: Eggs}]
        x-amazon-apigateway-api-key-source: HEADER
        x-amazon-apigateway-request-validators:
          bodyOnly: {validateRequestBody: true, validateRequestParameters: false}
          all: {validateRequestBody: true, validateRequestParameters: true}
        x-amazon-apigateway-request-validator: all
        security: [{key: []}, {bearer: [], basic: []}]
        paths:
          /todos:
            post:
              x-amazon-apigateway-request-validator: bodyOnly
              x-amazon-apigateway-api-key-required: true
              responses: {'201': {description: made}}
          /todos/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
            delete:
              operationId: deleteTodo
              security: []
              x-gatehouse-table: {name: tasks, key: taskId}
              responses: {'204': {description: gone}}
          /reports/{year}:
            get:
              operationId: report
              parameters: [{name: year, in: path, required: true, schema: {type: integer}}]
              security: [{tls: []}]
              x-gatehouse-table: {name: reports, action: read}
              x-amazon-apigateway-integration:
                type: MOCK
                requestTemplates: {application/json: '{"statusCode": 200}'}
                passthroughBehavior: when_no_match
                responses:
                  '4\d{2}': {statusCode: '404'}
                  default:
                    statusCode: 200
                    selectionPattern: '2\d{2}'
                    responseParameters: {method.response.header.X-Id: context.requestId}
                    responseTemplates: {application/json: '{"year": "$input.params(''year'')"}'}
              responses: {'200': {description: ok}}
        components:
          securitySchemes:
            key: {type: apiKey, in: query, name: api_key}
            bearer: {type: http, scheme: bearer}
            basic: {type: http, scheme: Basic}
            tls: {type: mutualTLS}
        """#

    static func model() throws -> APIModel {
        let output = check(spec)
        #expect(output.lines == [])
        return try #require(output.model)
    }

    @Test func usagePlansAreReadThroughTheSameParserAsAPlansFile() throws {
        let model = try Self.model()
        let plans = try UsagePlans(model: model)
        #expect(plans == model.gateway.usagePlans)
        #expect(plans.defaultPlan == "free")
        #expect(plans.anonymous == Throttle(rate: 2, burst: 2))
        #expect(
            plans.plans["free"]
                == UsagePlan(
                    name: "free", throttle: Throttle(rate: 5, burst: 10), quota: Quota(limit: 1000, period: .day),
                    operationThrottles: ["deleteTodo": Throttle(rate: 1, burst: 2)]))
        #expect(plans.descriptions == ["free": "For trying."])
        #expect(plans.isLimiting)
        #expect(model.gateway.usagePlansError == nil)
    }

    @Test func seedsKeepTheirTableAndWhereTheyAre() throws {
        let model = try Self.model()
        #expect(model.gateway.seeds.map(\.table) == ["todos", "todos"])
        #expect(model.gateway.seeds.map { $0.item["title"]?.stringValue } == ["Milk", "Eggs"])
        #expect(
            model.gateway.seeds.map { model.document.location(of: $0.address).description } == [
                "inline.yaml:13:11", "inline.yaml:13:33",
            ])
    }

    @Test func tablesAreExplicitOrInferredFromTheRESTShape() throws {
        let model = try Self.model()
        let tables = model.operations.map { ResourceMapping.of($0) }
        #expect(
            tables == [
                ResourceMapping(
                    action: .create, table: "todos", idProperty: "id", itemParameter: nil, parentParameters: []),
                ResourceMapping(
                    action: .delete, table: "tasks", idProperty: "taskId", itemParameter: "id", parentParameters: []),
                ResourceMapping(
                    action: .read, table: "reports", idProperty: "id", itemParameter: "year", parentParameters: []),
            ])
        #expect(GatewayExtensions.tables(of: model.operations) == ["reports", "tasks", "todos"])
    }

    @Test func apiGatewayPartsAreTyped() throws {
        let model = try Self.model()
        #expect(model.gateway.apiKeySource == .header)
        #expect(
            model.gateway.requestValidators == [
                APIGatewayRequestValidator(name: "bodyOnly", validatesBody: true, validatesParameters: false),
                APIGatewayRequestValidator(name: "all", validatesBody: true, validatesParameters: true),
            ])
        #expect(model.gateway.defaultRequestValidator == "all")
        #expect(model.operations.map(\.gateway.requestValidator?.name) == ["bodyOnly", "all", "all"])
        #expect(model.operations.map(\.gateway.apiKeyRequired) == [true, false, false])
        let integration = try #require(model.operations[2].gateway.integration)
        #expect(integration.type == "mock" && integration.isMock)
        #expect(integration.requestTemplates == [.init(mediaType: "application/json", text: #"{"statusCode": 200}"#)])
        #expect(integration.responses.map(\.key) == [#"4\d{2}"#, "default"])
        #expect(integration.responses.map(\.statusCode) == [404, 200])
        #expect(integration.responses.map(\.selectionPattern) == [nil, #"2\d{2}"#])
        #expect(
            integration.responses[1].responseParameters == [
                .init(name: "method.response.header.X-Id", value: "context.requestId")
            ])
        #expect(
            integration.responses[1].responseTemplates == [
                .init(mediaType: "application/json", text: #"{"year": "$input.params('year')"}"#)
            ])
        #expect(model.operations[0].gateway.integration == nil)
    }

    @Test func securityIsResolvedToCredentialsWithTheKeyFlagFoldedIn() throws {
        let model = try Self.model()
        #expect(
            model.operations.map(\.gateway.credentials) == [
                [
                    [.apiKey(name: "api_key", location: .query), .gatewayKey],
                    [.bearer(scheme: "bearer"), .basic(scheme: "basic"), .gatewayKey],
                ],
                nil,
                [[.unsupported(scheme: "tls")]],
            ])
        #expect(model.operations.map(\.gateway.takesAPIKey) == [true, false, false])
    }
}
