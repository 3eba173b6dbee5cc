/// CommonMark's HTML blocks: lines of raw HTML (Stripe writes whole descriptions as `<p>…</p>`), which the
/// sanitizer writes again with only allowed elements.
extension CommonMarkRenderer {
    /// How an HTML block ends.
    enum HTMLBlockEnd: Equatable {
        /// At the line holding one of these (any case): `</script>` and the like, `-->`, `?>`, `>`, `]]>`.
        case marker([String])
        /// Before the next blank line.
        case blankLine
    }

    /// Elements whose start or closing tag begins an HTML block that ends at a blank line (CommonMark's
    /// condition 6).
    static let htmlBlockNames: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe",
        "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p",
        "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
        "track", "ul",
    ]

    /// How the HTML block starting with `trimmed` (a line without its indentation) ends, or nil when no HTML
    /// block starts there. A block that ends at a blank line and starts with any other complete tag
    /// (condition 7) cannot interrupt a paragraph.
    static func htmlBlockStart(_ trimmed: Substring, interruptingParagraph: Bool) -> HTMLBlockEnd? {
        guard trimmed.first == "<" else { return nil }
        let lower = trimmed.prefix(10).lowercased()
        for name in ["script", "pre", "style", "textarea"] where lower.hasPrefix("<" + name) {
            let after = trimmed.dropFirst(name.count + 1).first
            if after == nil || after == " " || after == ">" {
                return .marker(["</script>", "</pre>", "</style>", "</textarea>"])
            }
        }
        if lower.hasPrefix("<!--") { return .marker(["-->"]) }
        if lower.hasPrefix("<?") { return .marker(["?>"]) }
        if lower.hasPrefix("<![cdata[") { return .marker(["]]>"]) }
        if lower.hasPrefix("<!"), let letter = trimmed.dropFirst(2).first, letter.isASCII, letter.isLetter {
            return .marker([">"])
        }
        let afterBracket = trimmed.dropFirst(trimmed.hasPrefix("</") ? 2 : 1)
        let name = afterBracket.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        if !name.isEmpty, htmlBlockNames.contains(name.lowercased()) {
            let rest = afterBracket.dropFirst(name.count)
            if rest.isEmpty || rest.first == " " || rest.first == ">" || rest.hasPrefix("/>") { return .blankLine }
        }
        guard !interruptingParagraph else { return nil }
        let characters = Array(trimmed)
        var memo = HTMLTag.Memo()
        guard let tag = HTMLTag.parse(characters, at: 0, memo: &memo), tag.kind != .other,
            !["script", "style", "pre", "textarea"].contains(tag.name),
            characters[tag.end...].allSatisfy({ $0 == " " })
        else { return nil }
        return .blankLine
    }

    /// Renders the HTML block starting at `start` and returns the index of the first line after it.
    func renderHTMLBlock(
        _ lines: ArraySlice<String>, from start: Int, ending end: HTMLBlockEnd, html: inout HTMLSanitizer,
        into output: inout String
    ) -> Int {
        var index = start
        var block: [String] = []
        while index < lines.endIndex {
            let line = lines[index]
            if end == .blankLine {
                if Self.isBlank(line) { break }
                block.append(line)
                index += 1
            } else {
                block.append(line)
                index += 1
                if case .marker(let markers) = end {
                    let lower = line.lowercased()
                    if markers.contains(where: { lower.contains($0) }) { break }
                }
            }
        }
        Self.writeHTML(block.joined(separator: "\n"), html: &html, into: &output)
        output += "\n"
        return index
    }

    /// Writes raw HTML through the sanitizer: allowed tags written again, text escaped with its character
    /// references kept, comments and removed elements (`<script>…</script>`) left out, and tags that are not
    /// HTML (`<api_key>`) shown as text.
    static func writeHTML(_ source: String, html: inout HTMLSanitizer, into output: inout String) {
        let characters = Array(source)
        var memo = HTMLTag.Memo()
        var text = ""
        var index = 0
        var runStart = 0

        func flushText() {
            if runStart < index { HTMLEscaping.escape(String(characters[runStart..<index]), into: &text) }
            if !text.isEmpty { html.text(text, into: &output) }
            text = ""
        }

        while index < characters.count {
            let character = characters[index]
            if character == "&" {
                if runStart < index { HTMLEscaping.escape(String(characters[runStart..<index]), into: &text) }
                let reference = InlineRenderer.characterReference(characters, at: index)
                text += reference ?? "&amp;"
                index += reference?.count ?? 1
                runStart = index
                continue
            }
            guard character == "<", let tag = HTMLTag.parse(characters, at: index, memo: &memo) else {
                index += 1
                continue
            }
            let role = tag.kind == .other ? nil : HTMLSanitizer.role(of: tag.name)
            let resume =
                role == .removedWithContent && tag.kind == .start
                ? HTMLTag.resumeAfterRemovedElement(tag.name, in: characters, from: tag.end, memo: &memo) : nil
            if tag.kind != .other, role == nil || role == .removedWithContent && tag.kind == .start && resume == nil {
                // Not an HTML element, or one never closed: a placeholder in prose, shown as written.
                index = tag.end
                continue
            }
            flushText()
            switch tag.kind {
            case .other:
                index = tag.end
            case .start where resume != nil:
                index = resume ?? tag.end
            case .start:
                html.start(tag, into: &output)
                index = tag.end
            case .end:
                html.end(tag.name, into: &output)
                index = tag.end
            }
            runStart = index
        }
        flushText()
    }
}
