/// Renders the CommonMark that OpenAPI descriptions are written in to HTML that cannot run or load anything.
///
/// A subset of CommonMark, plus GitHub's pipe tables and bare-URL links, which real specs use: paragraphs, ATX and
/// setext headings, emphasis and strong emphasis, code spans, fenced and indented code, bullet and ordered lists,
/// block quotes, thematic breaks, links, autolinks, HTML blocks and raw inline HTML. Raw HTML is sanitized, as
/// DOMPurify does for Redoc and Swagger UI: allowed elements (`p`, `a`, `code`, lists, tables, …; see
/// `HTMLSanitizer+Policy.swift`) are written again with the few attributes they may keep, other elements lose their
/// tags but keep their text, `script`, `style`, `iframe` and the like are removed with their content, comments are
/// dropped, and a tag that is not HTML (`<api_key>`) is shown as written. Links keep only `http:`, `https:`,
/// `mailto:`, relative and `#fragment` targets; images (Markdown or `<img>`) become links, so the page never
/// fetches anything. Input is cut at `maximumLength` and nesting at `maximumDepth`, so the output stays
/// proportional to the input whatever it holds.
struct CommonMarkRenderer: Sendable {
    /// The HTML heading level a `#` heading becomes (deeper ones follow, up to `h6`), so that headings in a
    /// description continue the page's outline instead of restarting it.
    var baseHeadingLevel: Int
    /// Longer input is cut, with a note saying so.
    var maximumLength: Int
    /// Block quotes and lists nested deeper than this are rendered as plain paragraphs.
    var maximumDepth: Int
    /// Paragraphs are written without `<p>` (the items of a tight list).
    var tight = false

    init(baseHeadingLevel: Int = 3, maximumLength: Int = 50_000, maximumDepth: Int = 8) {
        self.baseHeadingLevel = baseHeadingLevel
        self.maximumLength = maximumLength
        self.maximumDepth = maximumDepth
    }

    /// The HTML for `markdown`.
    func render(_ markdown: String) -> String {
        var text = markdown
        var truncated = false
        if text.count > maximumLength {
            text = String(text.prefix(maximumLength))
            truncated = true
        }
        // Most descriptions are one plain line: a paragraph, without the block parser.
        let hasLineBreak = text.utf8.contains { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if !truncated, !tight, let first = text.first, first.isLetter, !hasLineBreak {
            return "<p>" + InlineRenderer(allowLinks: true, depth: 0).render(text) + "</p>\n"
        }
        if text.utf8.contains(UInt8(ascii: "\r")) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        let lines = text.split(
            separator: "\n", omittingEmptySubsequences: false
        ).map { Self.expandTabs($0) }
        var output = ""
        var html = HTMLSanitizer(inlineOnly: false, headingBase: baseHeadingLevel)
        renderBlocks(lines[...], depth: 0, html: &html, into: &output)
        html.finish(into: &output)
        if truncated {
            output +=
                "<p class=\"truncated\">(description shortened: it is longer than \(maximumLength) characters)</p>"
        }
        return output
    }

    /// The inline HTML for one line of text (a summary), without a paragraph around it.
    func renderInline(_ text: String) -> String {
        let cut = text.count > maximumLength ? String(text.prefix(maximumLength)) + "…" : text
        return InlineRenderer(allowLinks: true, depth: 0).render(cut)
    }

    static func expandTabs(_ line: Substring) -> String {
        guard line.utf8.contains(UInt8(ascii: "\t")) else { return String(line) }
        var result = ""
        for character in line {
            if character == "\t" {
                result += String(repeating: " ", count: 4 - result.count % 4)
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func indentation(of line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " }
    }
}
