import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseValidation
import Testing

/// An operation with an `x-amazon-apigateway-integration` of `type: mock` answers as API Gateway would: status from
/// the request template, integration response by selection pattern, headers and body from its mappings.
struct MockIntegrationTests {
    static let spec = #"""
        openapi: 3.0.1
        info: {title: exported, version: '2024-05-01T09:30:00Z'}
        paths:
          /health:
            get:
              operationId: health
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: object}}}}
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '{"statusCode": 200}'}
                passthroughBehavior: when_no_match
                responses:
                  default:
                    statusCode: '200'
                    responseParameters:
                      method.response.header.Access-Control-Allow-Origin: "'*'"
                      method.response.header.X-Request-Id: context.requestId
                      method.response.header.X-From-Backend: integration.response.header.X-Backend
                    responseTemplates:
                      application/json: '{"status": "ok"}'
                      text/plain: ok
          /items/{id}:
            get:
              operationId: item
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                '200': {description: ok}
                '404': {description: missing}
              x-amazon-apigateway-integration:
                type: MOCK
                requestTemplates:
                  application/json: '{"statusCode": $input.params(''code'')}'
                responses:
                  '4\d{2}':
                    statusCode: '404'
                    responseTemplates:
                      application/json: '{"message": "no item $input.params(''id'')", "requestId": "$context.requestId"}'
                  '5\d{2}':
                    selectionPattern: '50[0-3]'
                    statusCode: '503'
                  default:
                    statusCode: '200'
                    responseTemplates: {application/json: '{"id": "$input.params("id")"}'}
          /vtl:
            get:
              operationId: vtl
              responses:
                '201': {description: made, content: {application/json: {schema: {type: integer}, example: 1}}}
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '#set($code = 200){"statusCode": $code}'}
                responses: {default: {statusCode: '200'}}
          /no-default:
            get:
              operationId: noDefault
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: object}}}}
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '{"statusCode": 302}'}
                responses: {'2\d{2}': {statusCode: '200', responseTemplates: {application/json: '[1]'}}}
          /proxy:
            get:
              operationId: proxy
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: integer}, example: 5}}}
              x-amazon-apigateway-integration: {type: http_proxy, uri: 'https://example.com/'}
        """#

    struct Case: Sendable, CustomTestStringConvertible {
        var operationId: String
        var accept: String?
        var context: MockRequestContext
        var status: Int
        var headers: [HeaderField]
        var body: String
        var testDescription: String { "\(operationId) \(context.pathParameters) \(context.queryParameters)" }
    }

    static let cases = [
        Case(
            operationId: "health", accept: nil, context: MockRequestContext(requestId: "r-1"), status: 200,
            headers: [
                HeaderField(name: "Content-Type", value: "application/json"),
                HeaderField(name: "Access-Control-Allow-Origin", value: "*"),
                HeaderField(name: "X-Request-Id", value: "r-1"),
            ],
            body: #"{"status": "ok"}"#),
        Case(
            operationId: "health", accept: "text/plain", context: MockRequestContext(requestId: "r-2"), status: 200,
            headers: [
                HeaderField(name: "Content-Type", value: "text/plain"),
                HeaderField(name: "Access-Control-Allow-Origin", value: "*"),
                HeaderField(name: "X-Request-Id", value: "r-2"),
            ],
            body: "ok"),
        // API Gateway never answers 406 from a mock: an unmatched Accept gets the JSON template.
        Case(
            operationId: "health", accept: "image/png", context: MockRequestContext(requestId: "r-3"), status: 200,
            headers: [
                HeaderField(name: "Content-Type", value: "application/json"),
                HeaderField(name: "Access-Control-Allow-Origin", value: "*"),
                HeaderField(name: "X-Request-Id", value: "r-3"),
            ],
            body: #"{"status": "ok"}"#),
        Case(
            operationId: "item", accept: nil,
            context: MockRequestContext(pathParameters: ["id": "7"], queryParameters: ["code": "200"]), status: 200,
            headers: [HeaderField(name: "Content-Type", value: "application/json")], body: #"{"id": "7"}"#),
        Case(
            operationId: "item", accept: nil,
            context: MockRequestContext(
                requestId: "r-4", pathParameters: ["id": "7"], headers: [HeaderField(name: "code", value: "404")]),
            status: 404, headers: [HeaderField(name: "Content-Type", value: "application/json")],
            body: #"{"message": "no item 7", "requestId": "r-4"}"#),
        Case(
            operationId: "item", accept: nil, context: MockRequestContext(queryParameters: ["code": "502"]),
            status: 503, headers: [], body: ""),
        // 504 matches neither '4\d{2}' nor the explicit selection pattern '50[0-3]' of the 5XX entry.
        Case(
            operationId: "item", accept: nil,
            context: MockRequestContext(pathParameters: ["id": "x"], queryParameters: ["code": "504"]), status: 200,
            headers: [HeaderField(name: "Content-Type", value: "application/json")], body: #"{"id": "x"}"#),
    ]

    @Test(arguments: cases)
    func theMockIntegrationDecidesTheAnswer(row: Case) throws {
        let (engine, operation) = try MockFixtures.engine(operation: row.operationId, spec: Self.spec)
        #expect(engine.usesRequestContext(operation))
        let outcome = engine.respond(to: operation, accept: row.accept, prefer: "code=500", context: row.context)
        let response = try #require(outcome.problem == nil ? outcome.response : nil, "\(outcome)")
        #expect(response.status == row.status)
        #expect(response.headers == row.headers)
        #expect(MockFixtures.text(response) == row.body)
        #expect(response.source == .integration)
    }

    @Test
    func whatBreaksTheContractOrCannotBeFollowedIsReported() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "vtl", spec: Self.spec)
        #expect(
            engine.findings.map(\.message) == [
                "header 'X-From-Backend' of the mock integration of 'health' maps 'integration.response.header.X-Backend', which a mock has no value for; it is not sent",
                "integration response 'default' of 'health' answers 'text/plain', which response 200 does not declare",
                #"integration response '5\d{2}' of 'item' answers status 503, which is not declared"#,
                "the mock integration of 'vtl' is not followed, its request template 'application/json' uses the VTL directive '#set'; answering from the contract",
                #"the 'application/json' template of integration response '2\d{2}' of 'noDefault' does not match response 200: /: expected an object, found an array of 1 item"#,
            ])
        #expect(engine.findings.allSatisfy { $0.rule == "mock-integration" && $0.severity == .warning })
        #expect(!engine.usesRequestContext(operation))
        let response = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(response.status == 201)
        #expect(MockFixtures.text(response) == "1")
        let (_, proxy) = try MockFixtures.engine(operation: "proxy", spec: Self.spec)
        #expect(engine.respond(to: proxy, accept: nil, prefer: nil).response.source == .example("default"))
    }

    struct FailureCase: Sendable, CustomTestStringConvertible {
        var operationId: String
        var context: MockRequestContext
        var detail: String
        var testDescription: String { detail }
    }

    static let failures = [
        FailureCase(
            operationId: "noDefault", context: MockRequestContext(),
            detail:
                "the mock integration of 'noDefault' cannot answer: no integration response matches status 302 and there is no 'default'"
        ),
        FailureCase(
            operationId: "item", context: MockRequestContext(queryParameters: ["code": "teapot"]),
            detail:
                "the mock integration of 'item' cannot answer: the request template of the mock integration gives no 'statusCode' from 100 to 599: '{\"statusCode\": teapot}'"
        ),
    ]

    @Test(arguments: failures)
    func anIntegrationThatSelectsNothingFailsAsAPIGatewayWould(row: FailureCase) throws {
        let (engine, operation) = try MockFixtures.engine(operation: row.operationId, spec: Self.spec)
        let problem = try #require(
            engine.respond(to: operation, accept: nil, prefer: nil, context: row.context).problem)
        #expect(problem.status == 500)
        #expect(problem.detail == row.detail)
    }

    struct TemplateCase: Sendable, CustomTestStringConvertible {
        var template: String
        var unsupported: String?
        var testDescription: String { template }
    }

    static let templates = [
        TemplateCase(template: ##"{"price": "$5", "color": "#fff"}"##, unsupported: nil),
        TemplateCase(template: "${context.requestId}", unsupported: nil),
        TemplateCase(template: "$input.json('$')", unsupported: "the reference '$input.json('$')'"),
        TemplateCase(template: "$util.escapeJavaScript($x)", unsupported: "the reference '$util.escapeJavaScript($x)'"),
        TemplateCase(template: "#if($a)x#end", unsupported: "the VTL directive '#if'"),
        TemplateCase(template: "## comment", unsupported: "the VTL directive '##'"),
        TemplateCase(template: "$context.identity.sourceIp", unsupported: "the reference '$context.identity.sourceIp'"),
    ]

    @Test(arguments: templates)
    func templatesBeyondStaticTextAndSimpleSubstitutionsAreRefused(row: TemplateCase) throws {
        let escaped = String(row.template.flatMap { $0 == "'" ? ["'", "'"] : [$0] })
        let spec = """
            openapi: 3.0.1
            info: {title: t, version: '1'}
            paths:
              /t:
                get:
                  operationId: t
                  responses: {'200': {description: ok}}
                  x-amazon-apigateway-integration:
                    type: mock
                    responses: {default: {statusCode: '200', responseTemplates: {text/plain: '\(escaped)'}}}
            """
        let (engine, operation) = try MockFixtures.engine(operation: "t", spec: spec)
        if let unsupported = row.unsupported {
            #expect(
                engine.findings.map(\.message) == [
                    "the mock integration of 't' is not followed, its response template 'text/plain' of 'default' uses \(unsupported); answering from the contract"
                ])
        } else {
            #expect(engine.findings.isEmpty)
            let response = engine.respond(to: operation, accept: nil, prefer: nil, context: .init(requestId: "id-9"))
            #expect(MockFixtures.text(response.response) == (row.template.hasPrefix("$") ? "id-9" : row.template))
        }
    }
}
