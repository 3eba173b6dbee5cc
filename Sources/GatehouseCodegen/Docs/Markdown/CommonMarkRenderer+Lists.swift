/// The marker that starts a list item: `-`, `*`, `+`, or a number followed by `.` or `)`.
struct ListMarker: Equatable {
    /// The bullet character, or the delimiter after the number.
    var symbol: Character
    var ordered: Bool
    var start: Int
    /// The column where the item's content starts; continuation lines are indented at least this far.
    var contentIndent: Int
    var isEmptyItem: Bool

    init?(_ line: String) {
        let indent = CommonMarkRenderer.indentation(of: line)
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first else { return nil }
        var width: Int
        if first == "-" || first == "*" || first == "+" {
            symbol = first
            ordered = false
            start = 1
            width = 1
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count), let delimiter = rest.dropFirst(digits.count).first,
                delimiter == "." || delimiter == ")", let number = Int(digits)
            else { return nil }
            symbol = delimiter
            ordered = true
            start = number
            width = digits.count + 1
        }
        let afterMarker = rest.dropFirst(width)
        let spaces = afterMarker.prefix { $0 == " " }.count
        isEmptyItem = afterMarker.allSatisfy { $0 == " " }
        guard isEmptyItem || spaces > 0 else { return nil }
        contentIndent = indent + width + (isEmptyItem || spaces > 4 ? 1 : spaces)
    }

    /// Whether an item may start in the middle of a paragraph (CommonMark: not empty, and numbered from 1).
    var canInterruptParagraph: Bool { !isEmptyItem && (!ordered || start == 1) }

    func continuesList(of other: ListMarker) -> Bool {
        ordered == other.ordered && symbol == other.symbol
    }
}

extension CommonMarkRenderer {
    /// Renders the list starting at `start` and returns the index of the first line after it.
    func renderList(
        _ lines: ArraySlice<String>, from start: Int, first: ListMarker, depth: Int, html: inout HTMLSanitizer,
        into output: inout String
    ) -> Int {
        var items: [[String]] = []
        var current: [String] = []
        var marker = first
        var index = start
        var loose = false
        var sawBlank = false

        current = [String(lines[index].dropFirst(min(first.contentIndent, lines[index].count)))]
        index += 1
        while index < lines.endIndex {
            let line = lines[index]
            if Self.isBlank(line) {
                sawBlank = true
                current.append("")
                index += 1
                continue
            }
            let indent = Self.indentation(of: line)
            if indent >= marker.contentIndent {
                if sawBlank { loose = loose || current.contains { !Self.isBlank($0) } }
                current.append(String(line.dropFirst(marker.contentIndent)))
            } else if let next = ListMarker(line), next.continuesList(of: first),
                !Self.isThematicBreak(line.drop { $0 == " " })
            {
                if sawBlank { loose = true }
                items.append(current)
                marker = next
                current = [String(line.dropFirst(min(next.contentIndent, line.count)))]
            } else if !sawBlank, !Self.startsBlock(line) {
                current.append(String(line.drop { $0 == " " }))  // A lazy continuation of the item's paragraph.
            } else {
                break
            }
            sawBlank = false
            index += 1
        }
        items.append(current)
        // Blank lines at the end of the list belong to what follows; give them back.
        while index > start + 1, Self.isBlank(lines[index - 1]) { index -= 1 }

        let tag = first.ordered ? "ol" : "ul"
        html.prepareForBlock(into: &output)
        output += "<\(tag)"
        if first.ordered && first.start != 1 { output += " start=\"\(first.start)\"" }
        output += ">\n"
        for var item in items {
            while let last = item.last, Self.isBlank(last) { item.removeLast() }
            output += "<li>"
            if depth >= maximumDepth {
                output += InlineRenderer(allowLinks: true, depth: 0).render(item.joined(separator: "\n"))
            } else {
                var nested = self
                nested.tight = !loose
                html.pushBarrier()
                nested.renderBlocks(item[...], depth: depth + 1, html: &html, into: &output)
                html.popBarrier(into: &output)
            }
            output += "</li>\n"
        }
        output += "</\(tag)>\n"
        return index
    }

    /// Whether `line` starts a block other than a paragraph, and so cannot continue one lazily.
    static func startsBlock(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        return ListMarker(line) != nil || atxLevel(trimmed) != nil || isThematicBreak(trimmed)
            || fence(trimmed) != nil || trimmed.hasPrefix(">")
            || htmlBlockStart(trimmed, interruptingParagraph: true) != nil
    }
}
