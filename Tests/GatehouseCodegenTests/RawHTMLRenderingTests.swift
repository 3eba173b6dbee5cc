import Testing

@testable import GatehouseCodegen

/// Raw HTML in descriptions (Stripe's are written in it) renders as HTML, sanitized: allowed elements written again
/// with safe attributes only, everything else removed or shown as text, and whatever is left open closed.
@Suite struct RawHTMLRenderingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        var html: String
        var testDescription: String { name }
    }

    static let allowed: [Row] = [
        Row(
            name: "Stripe's paragraphs, links and code",
            markdown: "<p>See <a href=\"/docs/connect\">Connect</a> and <code>amount_off</code>.</p>",
            html:
                "<p>See <a href=\"/docs/connect\" rel=\"noopener noreferrer\">Connect</a> and <code>amount_off</code>.</p>\n"
        ),
        Row(
            name: "blocks separated by blank lines",
            markdown: "<p>One\nline two</p>\n\n<ul>\n<li>Refund: <strong>yes</strong></li>\n<li>Credit</li>\n</ul>",
            html: "<p>One\nline two</p>\n<ul>\n<li>Refund: <strong>yes</strong></li>\n<li>Credit</li>\n</ul>\n"),
        Row(
            name: "inline HTML in a Markdown paragraph", markdown: "Use <b>bold</b>, <kbd>Ctrl</kbd> and <br>breaks",
            html: "<p>Use <b>bold</b>, <kbd>Ctrl</kbd> and <br>breaks</p>\n"),
        Row(
            name: "Markdown around inline HTML", markdown: "*em <i>i</i>* and `<b>code</b>`",
            html: "<p><em>em <i>i</i></em> and <code>&lt;b&gt;code&lt;/b&gt;</code></p>\n"),
        Row(
            name: "no Markdown inside an HTML block", markdown: "<div>\n*not emphasis*\n</div>",
            html: "<div>\n*not emphasis*\n</div>\n"),
        Row(
            name: "Markdown between HTML blocks",
            markdown: "<details>\n<summary>More</summary>\n\n*Hidden* text\n\n</details>",
            html: "<details>\n<summary>More</summary>\n<p><em>Hidden</em> text</p>\n</details>\n"),
        Row(
            name: "headings shift like Markdown headings", markdown: "<h1>Top</h1><h2>Next</h2>\n\n<h6>Deep</h6>",
            html: "<h3>Top</h3><h4>Next</h4>\n<h6>Deep</h6>\n"),
        Row(
            name: "abbr keeps its title, ol its start",
            markdown:
                "<ol start=\"3\" type=\"a\"><li><abbr title=\"Application &amp; API\" class=\"x\">API</abbr></li></ol>",
            html: "<ol start=\"3\"><li><abbr title=\"Application &amp; API\">API</abbr></li></ol>\n"),
        Row(
            name: "table cells keep spans and alignment as a class",
            markdown: "<table><tr><th colspan=\"2\" align=\"center\" style=\"color:red\">H</th></tr>"
                + "<tr><td rowspan=2 width=9>a</td><td colspan=\"x\">b</td></tr></table>",
            html: "<table><tr><th colspan=\"2\" class=\"align-center\">H</th></tr>"
                + "<tr><td rowspan=\"2\">a</td><td>b</td></tr></table>\n"),
        Row(
            name: "definition lists and quotes",
            markdown: "<dl><dt>Term</dt><dd>Meaning</dd></dl><blockquote>said</blockquote>",
            html: "<dl><dt>Term</dt><dd>Meaning</dd></dl><blockquote>said</blockquote>\n"),
        Row(
            name: "uppercase tags and unquoted attributes",
            markdown: "<P>Go <A HREF=https://x.example/a?b=1>there</A></P>",
            html: "<p>Go <a href=\"https://x.example/a?b=1\" rel=\"noopener noreferrer\">there</a></p>\n"),
        Row(
            name: "entities stay as written, bare ampersands are escaped",
            markdown: "<p>&amp; &lt;tag&gt; &#39; &nbsp; &eacute; & &bogus; &#0;</p>",
            html: "<p>&amp; &lt;tag&gt; &#39; &nbsp; &eacute; &amp; &amp;bogus; &amp;#0;</p>\n"),
        Row(
            name: "entities in an href are decoded once",
            markdown: "<a href=\"https://x.example/?a=1&amp;b=2\">q</a>",
            html: "<p><a href=\"https://x.example/?a=1&amp;b=2\" rel=\"noopener noreferrer\">q</a></p>\n"),
        Row(
            name: "tags that are not HTML are placeholders shown as written",
            markdown: "Authorization: Basic <api_key> for <currency>100</currency>",
            html: "<p>Authorization: Basic &lt;api_key&gt; for &lt;currency&gt;100&lt;/currency&gt;</p>\n"),
        Row(
            name: "an image becomes a link", markdown: "<img src=\"https://x.example/chart.png\" alt=\"Chart\">",
            html: "<a href=\"https://x.example/chart.png\" rel=\"noopener noreferrer\">Chart</a>\n"),
        Row(
            name: "headings in a schema tree are bold paragraphs", markdown: "<h2>Note</h2>",
            html: "<p><strong>Note</strong></p>\n"),
    ]

    static let hostile: [Row] = [
        Row(name: "script", markdown: "<script>alert(1)</script>", html: "\n"),
        Row(name: "inline script", markdown: "a <script>alert(1)</script> b", html: "<p>a  b</p>\n"),
        Row(
            name: "script in an HTML block with text around",
            markdown: "<p>before<script type=\"text/javascript\">document.write('<b>x</b>')</SCRIPT >after</p>",
            html: "<p>beforeafter</p>\n"),
        Row(name: "unclosed script takes the rest", markdown: "<div>ok<script>alert(1)", html: "<div>ok\n</div>"),
        Row(
            name: "an unclosed script takes the rest of its paragraph", markdown: "a <script>alert(1)\n\nnext",
            html: "<p>a </p>\n<p>next</p>\n"),
        Row(
            name: "an unclosed element of those removed with content is a placeholder",
            markdown: "Set <title> to the name", html: "<p>Set &lt;title&gt; to the name</p>\n"),
        Row(name: "style", markdown: "<style>body{display:none}</style>text", html: "text\n"),
        Row(
            name: "img with a handler", markdown: "<img src=x onerror=alert(1)>",
            html: "<a href=\"x\" rel=\"noopener noreferrer\">image</a>\n"),
        Row(name: "img with a javascript source", markdown: "<img src=\"javascript:alert(1)\" alt=\"A\">", html: "A\n"),
        Row(name: "javascript link", markdown: "<a href=\"javascript:alert(1)\">x</a>", html: "<p>x</p>\n"),
        Row(
            name: "javascript link hidden by entities and case",
            markdown: "<a href=\"&#106;ava&#x53;cript:alert(1)\">x</a> <a href=' JAVASCRIPT:alert(1)'>y</a>",
            html: "<p>x y</p>\n"),
        Row(name: "data link", markdown: "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", html: "<p>x</p>\n"),
        Row(
            name: "handlers and style attributes are dropped",
            markdown: "<p style=\"position:fixed\" onclick=\"alert(1)\" id=\"main\" class=\"top\">x</p>",
            html: "<p>x</p>\n"),
        Row(name: "iframe", markdown: "<iframe src=\"https://evil.example\">fallback</iframe>after", html: "after\n"),
        Row(
            name: "form controls lose their tags",
            markdown: "<form action=\"https://evil.example\"><input name=x>Go</form>",
            html: "Go\n"),
        Row(name: "svg is removed", markdown: "x<svg onload=alert(1)><circle/></svg>y", html: "<p>xy</p>\n"),
        Row(
            name: "unclosed div is closed", markdown: "<div><b>bold <i>and", html: "<div><b>bold <i>and\n</i></b></div>"
        ),
        Row(name: "stray closers are ignored", markdown: "</p></div></body>text", html: "text\n"),
        Row(
            name: "stray closers in a paragraph are ignored", markdown: "a </div></section></main> b",
            html: "<p>a  b</p>\n"),
        Row(
            name: "block elements in a paragraph lose their tags", markdown: "a <div>b</div> <table><tr><td>c",
            html: "<p>a b c</p>\n"),
        Row(
            name: "comments, CDATA and declarations", markdown: "a <!-- note --> b <![CDATA[x]]> <?php ?>",
            html: "<p>a  b  </p>\n"),
        Row(
            name: "a paragraph of removed HTML is left out", markdown: "a\n\n</span><script>x</script>\n\nb",
            html: "<p>a</p>\n<p>b</p>\n"),
        Row(name: "comment block", markdown: "<!--\nhidden\n-->\nshown", html: "\n<p>shown</p>\n"),
        Row(name: "misnested inline tags", markdown: "<b>a <i>b</b> c</i>", html: "<p><b>a <i>b</i></b> c</p>\n"),
        Row(name: "emphasis across a raw tag", markdown: "*a <b>b* c</b>", html: "<p><em>a <b>b</b></em> c</p>\n"),
        Row(
            name: "nested links", markdown: "<a href=\"/a\">x [y](/b) <a href=\"/c\">z</a></a>",
            html: "<p><a href=\"/a\" rel=\"noopener noreferrer\">x y z</a></p>\n"),
        Row(
            name: "a block closes an open paragraph", markdown: "<p>one<ul><li>two</ul>three",
            html: "<p>one</p><ul><li>two</li></ul>three\n"),
        Row(
            name: "list items close their siblings", markdown: "<ul><li>a<li>b</ul>",
            html: "<ul><li>a</li><li>b</li></ul>\n"),
        Row(
            name: "text in a table gets a cell", markdown: "<table>x<td>y</table>",
            html: "<table><tr><td>x</td><td>y</td></tr></table>\n"),
        Row(
            name: "a closer does not leave a table cell",
            markdown: "<div><table><tr><td>a</div>b</td></tr></table>c</div>",
            html: "<div><table><tr><td>ab</td></tr></table>c</div>\n"),
        Row(
            name: "raw HTML cannot close the list item around it", markdown: "- a </li></ul> b\n- <div>c\n\n  d",
            html: "<ul>\n<li><p>a  b</p>\n</li>\n<li><div>c\n<p>d</p>\n</div></li>\n</ul>\n"),
    ]

    @Test(arguments: allowed + hostile)
    func rendersSanitized(_ row: Row) {
        let renderer = CommonMarkRenderer(baseHeadingLevel: row.name.contains("schema tree") ? 0 : 3)
        #expect(renderer.render(row.markdown) == row.html)
    }

    @Test func deepRawNestingIsCut() {
        let html = CommonMarkRenderer().render(String(repeating: "<div>", count: 10_000) + "x")
        #expect(html.components(separatedBy: "<div>").count - 1 == HTMLSanitizer.maximumOpenElements)
        #expect(html.components(separatedBy: "</div>").count - 1 == HTMLSanitizer.maximumOpenElements)
    }

    @Test func manyUnterminatedTagsStayLinear() {
        for unit in ["<!--", "<a b ", "<a b=\"", "<?", "<![CDATA[", "<div ", "<title>", "<script>"] {
            let markdown = String(repeating: unit, count: 20_000)
            let html = CommonMarkRenderer(maximumLength: 200_000).render(markdown)
            #expect(html.utf8.count < markdown.utf8.count * 6 + 1_000)
        }
    }
}
