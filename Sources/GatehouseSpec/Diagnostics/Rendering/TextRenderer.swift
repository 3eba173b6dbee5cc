import GatehouseJSON

/// Renders diagnostics as a compiler does: the location and message, the source line, a caret under the column, and
/// notes (the JSON pointer, related locations).
public struct TextRenderer: Sendable {
    /// File bytes by path, to quote source lines.
    public let sources: [String: [UInt8]]
    private let lineIndices: [String: LineIndex]
    /// Longest stretch of a source line shown; a longer line (minified JSON) is cut around the column.
    public var maxLineWidth = 160

    public init(sources: [String: [UInt8]]) {
        self.sources = sources
        self.lineIndices = sources.mapValues(LineIndex.init)
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            render(diagnostic, to: &output)
        }
        return output
    }

    public func render(_ diagnostic: Diagnostic, to output: inout String) {
        if let location = diagnostic.location { output += "\(location): " }
        output += "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]\n"
        if let location = diagnostic.location {
            output += sourceExcerpt(at: location)
        }
        if let pointer = diagnostic.pointer, !pointer.tokens.isEmpty {
            if let location = diagnostic.location { output += "\(location): " }
            output += "note: at '#\(pointer.string)'\n"
        }
        for note in diagnostic.notes {
            if let location = note.location { output += "\(location): " }
            output += "note: \(note.message)\n"
            if let location = note.location { output += sourceExcerpt(at: location) }
        }
    }

    /// The source line and a caret line under `location.column` (tabs kept so the caret lines up).
    func sourceExcerpt(at location: SourceLocation) -> String {
        guard let bytes = sources[location.file], let line = lineIndices[location.file]?.line(location.line, in: bytes)
        else {
            return ""
        }
        var characters = Array(line)
        var column = max(1, min(location.column, characters.count + 1))
        var prefix = ""
        var suffix = ""
        if characters.count > maxLineWidth {
            let start = max(0, column - 1 - maxLineWidth / 2)
            let end = min(characters.count, start + maxLineWidth)
            if start > 0 { prefix = "..." }
            if end < characters.count { suffix = "..." }
            characters = Array(characters[start..<end])
            column = column - start
        }
        let shown = prefix + String(characters) + suffix
        var caret = String(repeating: " ", count: prefix.count)
        for character in characters.prefix(column - 1) {
            caret += character == "\t" ? "\t" : " "
        }
        return shown + "\n" + caret + "^\n"
    }
}
