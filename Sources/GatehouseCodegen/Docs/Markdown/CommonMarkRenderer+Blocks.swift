extension CommonMarkRenderer {
    /// Renders a run of lines as blocks.
    ///
    /// `html` holds the raw HTML elements open so far; every block written here first closes the inline ones.
    func renderBlocks(
        _ lines: ArraySlice<String>, depth: Int, html: inout HTMLSanitizer, into output: inout String
    ) {
        var index = lines.startIndex
        var paragraph: [String] = []

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let inline = InlineRenderer(allowLinks: true, depth: 0).render(paragraph.joined(separator: "\n"))
            paragraph.removeAll()
            // A paragraph of nothing but removed HTML (`<script>…</script>`, stray closing tags) is left out.
            guard !inline.isEmpty else { return }
            html.prepareForBlock(into: &output)
            if !tight { output += "<p>" }
            output += inline
            output += tight ? "\n" : "</p>\n"
        }

        while index < lines.endIndex {
            let line = lines[index]
            let indent = Self.indentation(of: line)
            let trimmed = line.drop { $0 == " " }

            if Self.isBlank(line) {
                flushParagraph()
                index += 1
                continue
            }
            // Indented code cannot interrupt a paragraph.
            if indent >= 4 && paragraph.isEmpty {
                var code: [String] = []
                while index < lines.endIndex, Self.indentation(of: lines[index]) >= 4 || Self.isBlank(lines[index]) {
                    code.append(String(lines[index].dropFirst(min(4, Self.indentation(of: lines[index])))))
                    index += 1
                }
                while let last = code.last, Self.isBlank(last) { code.removeLast() }
                html.prepareForBlock(into: &output)
                output += "<pre><code>"
                HTMLEscaping.escape(code.joined(separator: "\n"), into: &output)
                output += "\n</code></pre>\n"
                continue
            }
            if indent < 4, let fence = Self.fence(trimmed) {
                flushParagraph()
                index += 1
                var code: [String] = []
                while index < lines.endIndex {
                    let candidate = lines[index].drop { $0 == " " }
                    if Self.indentation(of: lines[index]) < 4, candidate.hasPrefix(fence.marker),
                        candidate.allSatisfy({ $0 == fence.marker.first || $0 == " " })
                    {
                        index += 1
                        break
                    }
                    code.append(String(lines[index].dropFirst(min(fence.indent, Self.indentation(of: lines[index])))))
                    index += 1
                }
                html.prepareForBlock(into: &output)
                output += "<pre><code"
                if let language = fence.language {
                    output += " class=\"language-"
                    HTMLEscaping.escape(language, into: &output)
                    output += "\""
                }
                output += ">"
                HTMLEscaping.escape(code.joined(separator: "\n"), into: &output)
                output += code.isEmpty ? "</code></pre>\n" : "\n</code></pre>\n"
                continue
            }
            if indent < 4, let end = Self.htmlBlockStart(trimmed, interruptingParagraph: !paragraph.isEmpty) {
                flushParagraph()
                index = renderHTMLBlock(lines, from: index, ending: end, html: &html, into: &output)
                continue
            }
            if indent < 4, let level = Self.atxLevel(trimmed) {
                flushParagraph()
                var content = trimmed.dropFirst(level).trimmingSpaces()
                // A closing sequence of '#' preceded by a space is not part of the heading.
                if let hashes = content.lastIndex(where: { $0 != "#" }), content[hashes] == " " {
                    content = content[...hashes].trimmingSpaces()
                } else if content.allSatisfy({ $0 == "#" }) {
                    content = ""
                }
                heading(level: level, text: String(content), html: &html, into: &output)
                index += 1
                continue
            }
            if indent < 4, Self.isThematicBreak(trimmed) {
                if !paragraph.isEmpty, trimmed.allSatisfy({ $0 == "-" || $0 == " " }) {
                    let text = paragraph.joined(separator: "\n")
                    paragraph.removeAll()
                    heading(level: 2, text: text, html: &html, into: &output)
                } else {
                    flushParagraph()
                    html.prepareForBlock(into: &output)
                    output += "<hr>\n"
                }
                index += 1
                continue
            }
            if indent < 4, !paragraph.isEmpty, !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "=" || $0 == " " }),
                trimmed.trimmingSpaces().allSatisfy({ $0 == "=" })
            {
                let text = paragraph.joined(separator: "\n")
                paragraph.removeAll()
                heading(level: 1, text: text, html: &html, into: &output)
                index += 1
                continue
            }
            if indent < 4, trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while index < lines.endIndex {
                    let candidate = lines[index].drop { $0 == " " }
                    if candidate.hasPrefix(">") {
                        var rest = candidate.dropFirst()
                        if rest.first == " " { rest = rest.dropFirst() }
                        quoted.append(String(rest))
                    } else if !Self.isBlank(lines[index]), let last = quoted.last, !Self.isBlank(last) {
                        quoted.append(lines[index])  // A lazy continuation line of the quoted paragraph.
                    } else {
                        break
                    }
                    index += 1
                }
                if depth >= maximumDepth {
                    paragraph = quoted
                    flushParagraph()
                } else {
                    html.prepareForBlock(into: &output)
                    output += "<blockquote>\n"
                    html.pushBarrier()
                    renderBlocks(quoted[...], depth: depth + 1, html: &html, into: &output)
                    html.popBarrier(into: &output)
                    output += "</blockquote>\n"
                }
                continue
            }
            if indent < 4, let marker = ListMarker(line), paragraph.isEmpty || marker.canInterruptParagraph {
                flushParagraph()
                index = renderList(lines, from: index, first: marker, depth: depth, html: &html, into: &output)
                continue
            }
            if indent < 4, paragraph.isEmpty, let end = renderTable(lines, from: index, html: &html, into: &output) {
                index = end
                continue
            }
            paragraph.append(String(trimmed))
            index += 1
        }
        flushParagraph()
    }

    private func heading(level: Int, text: String, html: inout HTMLSanitizer, into output: inout String) {
        html.prepareForBlock(into: &output)
        guard baseHeadingLevel > 0 else {
            // Where the page's outline has no room for headings (inside a schema tree), they are bold paragraphs.
            output += "<p><strong>" + InlineRenderer(allowLinks: true, depth: 0).render(text) + "</strong></p>\n"
            return
        }
        let htmlLevel = min(6, baseHeadingLevel + level - 1)
        output += "<h\(htmlLevel)>"
        output += InlineRenderer(allowLinks: true, depth: 0).render(text)
        output += "</h\(htmlLevel)>\n"
    }

    static func fence(_ trimmed: Substring) -> (marker: String, indent: Int, language: String?)? {
        guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let run = trimmed.prefix { $0 == first }
        guard run.count >= 3 else { return nil }
        let info = trimmed.dropFirst(run.count).trimmingSpaces()
        if first == "`" && info.contains("`") { return nil }
        let language = info.split(separator: " ").first.map(String.init)
        return (String(run), 0, language)
    }

    static func atxLevel(_ trimmed: Substring) -> Int? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " ? hashes : nil
    }

    static func isThematicBreak(_ trimmed: Substring) -> Bool {
        guard let first = trimmed.first, first == "-" || first == "*" || first == "_" else { return false }
        let marks = trimmed.filter { $0 != " " }
        return marks.count >= 3 && marks.allSatisfy { $0 == first }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var result = self
        while result.first == " " { result = result.dropFirst() }
        while result.last == " " { result = result.dropLast() }
        return result
    }
}
