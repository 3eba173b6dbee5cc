import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// The generated page, read back as a browser would: valid HTML, every anchor, nothing loaded from elsewhere.
@Suite struct DocsPageTests {
    @Test(arguments: DocsTestSupport.corpus)
    func pageParsesWithEveryAnchorAndNoExternalLoads(path: String) throws {
        let output = try DocsTestSupport.output(path: path)
        guard let model = output.model else {
            // A document the front end cannot model (OpenAPI 3.2 here) is refused with errors, never half-rendered.
            #expect(output.hasErrors, "\(path)")
            return
        }
        let html = try DocsTestSupport.page(model)
        let page = HTMLChecker(html)
        #expect(page.problems == [], "\(path)")

        let ids = page.ids
        for operation in model.operations + model.webhooks {
            let id = "operation/" + String(operation.id.map { $0.isWhitespace ? "-" : $0 })
            let anchored = ids.contains { $0 == id || $0.hasPrefix(id + "-") }
            #expect(anchored, "\(path): no anchor for operation '\(operation.id)'")
        }
        for schema in model.schemas {
            #expect(ids.contains("schema/" + schema.name), "\(path): no anchor for schema '\(schema.name)'")
        }
        // Every in-page link lands somewhere.
        for url in page.urls where url.hasPrefix("#") && url.count > 1 {
            #expect(ids.contains(String(url.dropFirst())), "\(path): link '\(url)' has no target")
        }
        // Absolute URLs are only the links the spec itself writes; nothing is loaded.
        let source = try String(contentsOfFile: DocsTestSupport.repositoryRoot + "/" + path, encoding: .utf8)
        for url in page.urls where url.lowercased().hasPrefix("http") || url.hasPrefix("//") {
            #expect(source.contains(url), "\(path): '\(url)' is not a link from the spec")
        }
        #expect(page.activeElements.map(\.name) == [], "\(path)")
        #expect(page.handlerAttributes == [], "\(path)")
        #expect(page.scripts.count == 1)
        #expect(!html.contains("url("), "\(path): CSS must not load anything")
    }

    @Test func operationsAreGroupedByTagWithSnippetsAndExamples() throws {
        let html = try DocsTestSupport.page(try DocsTestSupport.model(path: "specs/todo.yaml"))
        #expect(html.contains("<section class=\"tag\" id=\"tag/lists\""))
        #expect(html.contains("id=\"operation/createList\""))
        #expect(html.contains("href=\"#schema/TodoList\""))
        #expect(html.contains("let response = try await client.createList("))
        #expect(html.contains("curl -X POST 'http://localhost:8080/api/lists'"))
        #expect(html.contains("-H \"X-API-Key: $API_KEY\""))
        #expect(html.contains("Send the key in the &#39;X-API-Key&#39; header."))
        #expect(html.contains("Example <q>groceries</q>: A list with a description"))
        // Descriptions are CommonMark: the todo spec's table and links are rendered.
        #expect(html.contains("<th>Resource</th>"))
        #expect(
            html.contains(
                "<a href=\"https://www.rfc-editor.org/rfc/rfc7396\" rel=\"noopener noreferrer\">JSON Merge Patch</a>"))
    }

    @Test func synthesizesAnExampleWhenTheSpecHasNone() throws {
        let model = try DocsTestSupport.model(
            yaml: """
                openapi: 3.1.0
                info: {title: Synth, version: '1'}
                paths:
                  /things:
                    get:
                      operationId: listThings
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [name, size]
                                properties:
                                  name: {type: string, enum: [widget]}
                                  size: {type: integer, minimum: 3, maximum: 3}
                """)
        let html = try DocsTestSupport.page(model)
        #expect(html.contains("Example (synthesized from the schema)"))
        #expect(html.contains("\"name\": \"widget\""))
        #expect(html.contains("\"size\": 3"))
    }

    @Test func sameContractGivesTheSameBytes() throws {
        let model = try DocsTestSupport.model(path: "specs/todo.yaml")
        let first = try DocsTestSupport.page(model)
        let second = try DocsTestSupport.page(try DocsTestSupport.model(path: "specs/todo.yaml"))
        #expect(first == second)
    }

    @Test func usagePlansAreListedWithTheirLimits() throws {
        let model = try DocsTestSupport.model(
            yaml: """
                openapi: 3.1.0
                info: {title: Plans, version: '1'}
                x-gatehouse-usage-plans:
                  plans:
                    free:
                      description: For trying things out.
                      throttle: {rate: 5, burst: 10}
                      quota: {limit: 1000, period: DAY}
                    pro:
                      throttle: {rate: 100, burst: 200}
                paths: {}
                """)
        let html = try DocsTestSupport.page(model)
        #expect(html.contains("<h2 id=\"usage-plans\">Usage plans</h2>"))
        #expect(html.contains("<h3>free</h3><p>For trying things out.</p>"))
        #expect(html.contains("<tr><td>throttle.rate</td><td>5</td></tr>"))
        #expect(html.contains("<tr><td>quota.period</td><td>DAY</td></tr>"))
        #expect(html.contains("<tr><td>throttle.burst</td><td>200</td></tr>"))
    }

    @Test func tryItAddsAFormPerOperationOnlyWhenAsked() throws {
        let model = try DocsTestSupport.model(path: "specs/todo.yaml")
        let plain = try DocsTestSupport.page(model)
        #expect(!plain.contains("<form"))
        let html = try DocsTestSupport.page(model, configuration: .init(tryItURL: "http://127.0.0.1:8080/api"))
        #expect(html.contains("data-try-it=\"http://127.0.0.1:8080/api\""))
        let forms = html.components(separatedBy: "<form class=\"try-form\"").count - 1
        #expect(forms == model.operations.count)
        #expect(html.contains("<label>listId <span class=\"in\">path</span>"))
        #expect(HTMLChecker(html).problems == [])

        #expect(throws: HTMLDocsError.self) {
            _ = try HTMLDocsGenerator(configuration: .init(tryItURL: "javascript:alert(1)")).generate(model)
        }
    }
}
