/// GitHub's pipe tables, which many API descriptions use for their reference tables.
extension CommonMarkRenderer {
    /// Renders the table starting at `start` and returns the index after it, or nil when no table starts there
    /// (a header row needs a delimiter row below it with as many cells).
    func renderTable(
        _ lines: ArraySlice<String>, from start: Int, html: inout HTMLSanitizer, into output: inout String
    ) -> Int? {
        guard start + 1 < lines.endIndex, lines[start].utf8.contains(UInt8(ascii: "|")) else { return nil }
        let header = Self.cells(of: lines[start])
        let delimiters = Self.cells(of: lines[start + 1])
        guard !header.isEmpty, header.count == delimiters.count else { return nil }
        var alignments: [String?] = []
        for cell in delimiters {
            let trimmed = cell.trimmingSpaces()
            let dashes = trimmed.drop { $0 == ":" }
            guard !trimmed.isEmpty, dashes.contains("-"),
                dashes.allSatisfy({ $0 == "-" || $0 == ":" }), !dashes.dropLast().contains(":")
            else { return nil }
            switch (trimmed.first == ":", trimmed.last == ":") {
            case (true, true): alignments.append("center")
            case (false, true): alignments.append("right")
            case (true, false): alignments.append("left")
            case (false, false): alignments.append(nil)
            }
        }

        func row(_ cells: [Substring], tag: String) {
            output += "<tr>"
            for column in 0..<header.count {
                output += "<\(tag)"
                if let alignment = alignments[column] { output += " class=\"align-\(alignment)\"" }
                output += ">"
                if column < cells.count {
                    output += InlineRenderer(allowLinks: true, depth: 0).render(String(cells[column].trimmingSpaces()))
                }
                output += "</\(tag)>"
            }
            output += "</tr>\n"
        }

        html.prepareForBlock(into: &output)
        output += "<div class=\"table-wrap\"><table>\n<thead>\n"
        row(header, tag: "th")
        output += "</thead>\n<tbody>\n"
        var index = start + 2
        while index < lines.endIndex, !Self.isBlank(lines[index]), !Self.startsBlock(lines[index]) {
            row(Self.cells(of: lines[index]), tag: "td")
            index += 1
        }
        output += "</tbody>\n</table></div>\n"
        return index
    }

    /// The cells of a table row: split at `|` that is neither escaped nor inside a code span, without the
    /// optional leading and trailing pipe.
    static func cells(of line: String) -> [Substring] {
        var trimmed = Substring(line).trimmingSpaces()
        if trimmed.first == "|" { trimmed = trimmed.dropFirst() }
        if trimmed.last == "|", !trimmed.dropLast().hasSuffix("\\") { trimmed = trimmed.dropLast() }
        var cells: [Substring] = []
        var cellStart = trimmed.startIndex
        var index = trimmed.startIndex
        var inCode = false
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if character == "\\" {
                index = trimmed.index(after: index)
                if index < trimmed.endIndex { index = trimmed.index(after: index) }
                continue
            }
            if character == "`" { inCode.toggle() }
            if character == "|" && !inCode {
                cells.append(trimmed[cellStart..<index])
                cellStart = trimmed.index(after: index)
            }
            index = trimmed.index(after: index)
        }
        cells.append(trimmed[cellStart...])
        return cells
    }
}
