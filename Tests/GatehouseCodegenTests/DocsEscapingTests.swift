import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// Hostile text in every place a spec can put text renders inert: no script, no handler, no link to a
/// `javascript:` URL, and no element that is not on the sanitizer's allow-list.
@Suite struct DocsEscapingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "script element", text: "<script>alert(1)</script>"),
        Case(name: "javascript link", text: "[click](javascript:alert(1))"),
        Case(name: "upper-case javascript link", text: "[click](JavaScript:alert(1))"),
        Case(name: "javascript link with leading space", text: "[click]( javascript:alert(1))"),
        Case(name: "javascript link with entity", text: "[click](&#106;avascript:alert(1))"),
        Case(name: "javascript autolink", text: "<javascript:alert(1)>"),
        Case(name: "data link", text: "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
        Case(name: "raw img with handler", text: "<img src=x onerror=alert(1)>"),
        Case(name: "raw anchor", text: "<a href=\"javascript:alert(1)\">x</a>"),
        Case(name: "unbalanced markup", text: "<div><b>bold <i>and <table><tr><td>cell"),
        Case(name: "attribute breakout", text: "\" onmouseover=\"alert(1)\" x=\"'><svg onload=alert(1)>"),
        Case(name: "markdown image", text: "![pixel](https://tracker.example/p.png)"),
        Case(name: "closing tags", text: "</code></pre></section></main><script>alert(1)</script>"),
        Case(name: "comment and CDATA", text: "<!-- x --><![CDATA[<script>]]><?php ?>"),
        Case(name: "link title breakout", text: "[x](https://a.example \"t\\\" onmouseover=alert(1)\")"),
    ]

    /// A spec with `text` as the API, tag, operation, parameter, response and schema description, as a summary,
    /// server description, example value and enum value.
    static func spec(with text: String) -> String {
        let json = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        return """
            {"openapi": "3.1.0",
             "info": {"title": \(json), "version": \(json), "description": \(json), "summary": \(json)},
             "servers": [{"url": "http://localhost/", "description": \(json)}],
             "tags": [{"name": "t", "description": \(json)}],
             "components": {
               "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": \(json), "description": \(json)}},
               "schemas": {"Thing": {"type": "object", "description": \(json),
                 "properties": {"name": {"type": "string", "description": \(json), "enum": [\(json)],
                   "pattern": \(json), "default": \(json)}}}}},
             "security": [{"key": []}],
             "paths": {"/things/{id}": {"get": {
               "operationId": "getThing", "tags": ["t"], "summary": \(json), "description": \(json),
               "parameters": [{"name": "id", "in": "path", "required": true, "description": \(json),
                 "schema": {"type": "string"}, "example": \(json)}],
               "responses": {"200": {"description": \(json),
                 "headers": {"X-Note": {"description": \(json), "schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"},
                   "examples": {"one": {"summary": \(json), "value": {"name": \(json)}}}},
                   "text/plain": {"schema": {"type": "string"}, "example": \(json)}}}}}}}}
            """
    }

    @Test(arguments: cases)
    func hostileTextIsInert(_ hostile: Case) throws {
        let model = try DocsTestSupport.model(yaml: Self.spec(with: hostile.text))
        for configuration in [HTMLDocsGenerator.Configuration(), .init(tryItURL: "http://localhost:8080")] {
            let html = try DocsTestSupport.page(model, configuration: configuration)
            let page = HTMLChecker(html)
            #expect(page.problems == [])
            #expect(page.scripts.count == 1)
            #expect(page.handlerAttributes == [])
            #expect(page.activeElements.map(\.name) == [])
            for url in page.urls {
                let scheme = url.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                #expect(!scheme.hasPrefix("javascript:") && !scheme.hasPrefix("data:"), "\(url)")
            }
            let names = Set(page.elements.map(\.name))
            if hostile.name == "unbalanced markup" {
                // The description's elements are allowed, and closed before the page's own markup goes on.
                #expect(html.contains("<div><b>bold <i>and </i></b><table><tr><td>cell\n</td></tr></table></div>"))
            }
            #expect(!names.contains("svg") && !names.contains("img"))
        }
    }

    @Test func rawHTMLIsSanitizedInDescriptionsAndTextElsewhere() throws {
        let model = try DocsTestSupport.model(yaml: Self.spec(with: "Use <b>bold</b> & <script>x</script>"))
        let html = try DocsTestSupport.page(model)
        // Descriptions are CommonMark, whose raw HTML is sanitized; titles, summaries and examples are text.
        #expect(html.contains("<p>Use <b>bold</b> &amp; </p>"))
        #expect(html.contains("Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;"))
    }

    @Test func allowedHTMLRendersInEveryPlaceAndThePageStaysValid() throws {
        let text = """
            <p>Intro with <a href="https://docs.example/a?b=1&amp;c=2" onclick="x()">a link</a></p>

            <ul><li><code>one</code><li>two</ul><table><tr><th align=right>H</th></tr><tr><td>1</td></tr></table>
            <h2>Section</h2><details><summary>More</summary><p>Hidden <div>open
            """
        let html = try DocsTestSupport.page(try DocsTestSupport.model(yaml: Self.spec(with: text)))
        let page = HTMLChecker(html)
        #expect(page.problems == [])
        #expect(page.handlerAttributes == [])
        #expect(
            html.contains(
                "<p>Intro with <a href=\"https://docs.example/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">a link</a></p>"
            ))
        #expect(html.contains("<ul><li><code>one</code></li><li>two</li></ul>"))
        #expect(html.contains("<th class=\"align-right\">H</th>"))
        // The operation's description sits under an h3: its h2 becomes an h5 (level 4 plus one); in a schema tree,
        // where the outline has no room, a bold paragraph.
        #expect(html.contains("<h5>Section</h5>"))
        #expect(html.contains("<p><strong>Section</strong></p>"))
        #expect(html.contains("<details><summary>More</summary><p>Hidden </p><div>open\n</div></details>"))
    }

    @Test func safeLinksStayLinks() throws {
        let text = "See [the guide](https://docs.example/guide), <mailto:api@example.com>, [below](#schema/Thing)."
        let html = try DocsTestSupport.page(try DocsTestSupport.model(yaml: Self.spec(with: text)))
        #expect(html.contains("<a href=\"https://docs.example/guide\" rel=\"noopener noreferrer\">the guide</a>"))
        #expect(
            html.contains("<a href=\"mailto:api@example.com\" rel=\"noopener noreferrer\">mailto:api@example.com</a>"))
        #expect(html.contains("<a href=\"#schema/Thing\" rel=\"noopener noreferrer\">below</a>"))
    }
}
