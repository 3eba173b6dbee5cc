import Testing

@testable import GatehouseCodegen

/// The CommonMark subset descriptions are written in, rendered to safe HTML.
@Suite struct CommonMarkRendererTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        var html: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "paragraphs", markdown: "one\ntwo\n\nthree", html: "<p>one\ntwo</p>\n<p>three</p>\n"),
        Row(
            name: "headings continue the outline", markdown: "# Top\n## Next ##", html: "<h3>Top</h3>\n<h4>Next</h4>\n"),
        Row(name: "setext heading", markdown: "Title\n=====", html: "<h3>Title</h3>\n"),
        Row(
            name: "emphasis and strong", markdown: "*a* **b** _c_ __d__ ***e***",
            html: "<p><em>a</em> <strong>b</strong> <em>c</em> <strong>d</strong> <em><strong>e</strong></em></p>\n"),
        Row(name: "intraword underscores", markdown: "snake_case_name", html: "<p>snake_case_name</p>\n"),
        Row(name: "unmatched stars", markdown: "2 * 3 = 6 **", html: "<p>2 * 3 = 6 **</p>\n"),
        Row(
            name: "code span", markdown: "use `a < b` or `` x`y ``",
            html: "<p>use <code>a &lt; b</code> or <code>x`y</code></p>\n"),
        Row(
            name: "fenced code", markdown: "```json\n{\"a\": \"<b>\"}\n```",
            html: "<pre><code class=\"language-json\">{&quot;a&quot;: &quot;&lt;b&gt;&quot;}\n</code></pre>\n"),
        Row(
            name: "indented code", markdown: "    let x = 1\n    <y>",
            html: "<pre><code>let x = 1\n&lt;y&gt;\n</code></pre>\n"),
        Row(
            name: "tight bullet list", markdown: "- one\n- two\n  more",
            html: "<ul>\n<li>one\n</li>\n<li>two\nmore\n</li>\n</ul>\n"),
        Row(
            name: "loose ordered list from 3", markdown: "3. one\n\n4. two",
            html: "<ol start=\"3\">\n<li><p>one</p>\n</li>\n<li><p>two</p>\n</li>\n</ol>\n"),
        Row(
            name: "nested list", markdown: "- a\n  - b",
            html: "<ul>\n<li>a\n<ul>\n<li>b\n</li>\n</ul>\n</li>\n</ul>\n"),
        Row(
            name: "block quote", markdown: "> quoted\nlazy", html: "<blockquote>\n<p>quoted\nlazy</p>\n</blockquote>\n"),
        Row(name: "thematic break", markdown: "a\n\n***\n\nb", html: "<p>a</p>\n<hr>\n<p>b</p>\n"),
        Row(
            name: "link with title", markdown: "[docs](https://x.example/a_b \"The docs\")",
            html: "<p><a href=\"https://x.example/a_b\" title=\"The docs\" rel=\"noopener noreferrer\">docs</a></p>\n"),
        Row(
            name: "bare URL", markdown: "see https://x.example/path.",
            html:
                "<p>see <a href=\"https://x.example/path\" rel=\"noopener noreferrer\">https://x.example/path</a>.</p>\n"
        ),
        Row(
            name: "email autolink", markdown: "<me@x.example>",
            html: "<p><a href=\"mailto:me@x.example\" rel=\"noopener noreferrer\">me@x.example</a></p>\n"),
        Row(name: "unsafe link keeps its text", markdown: "[x](javascript:alert(1))", html: "<p>x</p>\n"),
        Row(
            name: "image becomes a link", markdown: "![chart](chart.png)",
            html: "<p><a href=\"chart.png\" rel=\"noopener noreferrer\">chart</a></p>\n"),
        Row(
            name: "raw HTML is sanitized", markdown: "<b onclick=x>hi</b>", html: "<p><b>hi</b></p>\n"),
        Row(name: "backslash escapes", markdown: "\\*not\\* \\<b\\>", html: "<p>*not* &lt;b&gt;</p>\n"),
        Row(
            name: "entities", markdown: "&copy; &bogus; &#60; &#0;", html: "<p>&copy; &amp;bogus; &#60; &amp;#0;</p>\n"),
        Row(name: "hard break", markdown: "a  \nb", html: "<p>a<br>\nb</p>\n"),
        Row(
            name: "table", markdown: "| A | B |\n|:--|--:|\n| `x|y` | 2 |",
            html:
                "<div class=\"table-wrap\"><table>\n<thead>\n<tr><th class=\"align-left\">A</th><th class=\"align-right\">B</th>"
                + "</tr>\n</thead>\n<tbody>\n<tr><td class=\"align-left\"><code>x|y</code></td><td class=\"align-right\">2</td>"
                + "</tr>\n</tbody>\n</table></div>\n"),
    ]

    @Test(arguments: rows)
    func rendersTheSubset(_ row: Row) {
        #expect(CommonMarkRenderer(baseHeadingLevel: 3).render(row.markdown) == row.html)
    }

    @Test func longInputIsCutWithANote() {
        let html = CommonMarkRenderer(maximumLength: 100).render(String(repeating: "word ", count: 1_000))
        #expect(html.count < 400)
        #expect(html.contains("description shortened"))
    }

    @Test func deepNestingStaysBounded() {
        let quotes = String(repeating: ">", count: 5_000) + " deep"
        let lists = (0..<500).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
        let brackets = String(repeating: "[", count: 20_000) + String(repeating: "*a", count: 10_000)
        for markdown in [quotes, lists, brackets] {
            let html = CommonMarkRenderer().render(markdown)
            #expect(html.utf8.count < markdown.utf8.count * 12 + 1_000)
        }
    }
}
