import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// Whatever a spec holds, the page stays bounded and valid.
@Suite struct DocsBoundsTests {
    @Test func longPathsHugeDescriptionsAndDeepSchemasKeepThePageBounded() throws {
        let longPath = "/" + String(repeating: "segment/", count: 1_250)  // 10,000 characters
        let hugeDescription = String(repeating: "A *huge* description with `code` and [links](#x). ", count: 40_000)
        // 300 levels of inline objects, and a chain of local references that comes back to its start.
        var deep = "{\"type\": \"string\"}"
        for level in 0..<300 { deep = "{\"type\": \"object\", \"properties\": {\"p\(level)\": \(deep)}}" }
        let spec = """
            {"openapi": "3.1.0", "info": {"title": "Bounds", "version": "1", "description": \(Self.json(hugeDescription))},
             "components": {"schemas": {
               "Deep": \(deep),
               "Loop": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Loop/properties/again"},
                        "again": {"type": "object", "properties": {"back": {"$ref": "#/components/schemas/Loop/properties/next"}}}}},
               "Self": {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Self"}}}}},
             "paths": {\(Self.json(longPath)): {"post": {"operationId": "longOne", "description": \(Self.json(hugeDescription)),
               "requestBody": {"content": {"application/json": {"schema": \(deep)}}},
               "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loop"}}}}}}}}}
            """
        let model = try DocsTestSupport.model(yaml: spec)
        let html = try DocsTestSupport.page(model)
        // Two descriptions of 2 MB each are cut to 50,000 characters; paths to 1,000; trees to a node budget.
        #expect(html.utf8.count < 600_000, "page is \(html.utf8.count) bytes")
        #expect(html.contains("description shortened"))
        #expect(html.contains("(deeper levels not shown)"))
        #expect(html.contains("(recursive: as above)"))
        #expect(html.contains("<a href=\"#schema/Self\">Self</a>"))
        let page = HTMLChecker(html)
        #expect(page.problems == [])
        #expect(page.ids.contains("operation/longOne"))
    }

    @Test func githubPageIsAQuarterOfHtml2OrLess() throws {
        let path = DocsTestSupport.testdata + "/real-world/github.json"
        try #require(FileManager.default.fileExists(atPath: path), "the shared real-world specs are missing")
        let model = try DocsTestSupport.model(path: path)
        let html = try DocsTestSupport.page(model)
        // openapi-generator's html2 writes 23 MB for this spec (bench/README.md); the goal is a quarter of that.
        #expect(html.utf8.count < 23_000_000 / 4, "page is \(html.utf8.count) bytes")
        let page = HTMLChecker(html)
        #expect(page.problems == [])
        let ids = page.ids
        #expect(model.operations.allSatisfy { ids.contains("operation/" + $0.id) })
        #expect(model.schemas.allSatisfy { ids.contains("schema/" + $0.name) })
    }

    @Test func stripeDescriptionsRenderTheirHTML() throws {
        let path = DocsTestSupport.testdata + "/real-world/stripe.json"
        try #require(FileManager.default.fileExists(atPath: path), "the shared real-world specs are missing")
        let html = try DocsTestSupport.page(try DocsTestSupport.model(path: path))
        // Stripe writes its descriptions in HTML: they render as paragraphs and links, not as visible tags.
        #expect(!html.contains("&lt;p&gt;"))
        #expect(!html.contains("&lt;/code&gt;"))
        #expect(html.contains("<a href=\"/docs/connect\" rel=\"noopener noreferrer\">Connect</a>"))
        #expect(html.contains("<code>amount_off</code>"))
        // Tags that are not HTML are Stripe's placeholders, kept as text.
        #expect(html.contains("Authorization: Basic &lt;api_key&gt;"))
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
        let page = HTMLChecker(html)
        #expect(page.problems == [])
        #expect(page.scripts.count == 1)
        #expect(page.handlerAttributes == [])
        #expect(page.activeElements.map(\.name) == [])
    }

    static func json(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }
}
