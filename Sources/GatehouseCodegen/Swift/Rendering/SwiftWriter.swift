/// Writes Swift source line by line with indentation, so renderers never assemble indentation by hand.
struct SwiftWriter {
    private(set) var text = ""
    private var level = 0
    /// `public ` or empty (internal), prefixed to declarations that take the configured access level.
    let access: String

    init(access: String) {
        self.access = access
    }

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            for _ in 0..<level { text += "    " }
            text += content
            text += "\n"
        }
    }

    /// `header {`, the body indented, `}`.
    mutating func block(_ header: String, _ body: (inout SwiftWriter) -> Void) {
        line(header + " {")
        level += 1
        body(&self)
        level -= 1
        line("}")
    }

    /// `switch subject {`, the cases at the switch's own indentation (as swift-format writes them), `}`.
    mutating func switchBlock(_ subject: String, _ body: (inout SwiftWriter) -> Void) {
        line("switch \(subject) {")
        body(&self)
        line("}")
    }

    mutating func indent(_ body: (inout SwiftWriter) -> Void) {
        level += 1
        body(&self)
        level -= 1
    }

    /// A `///` comment from a description (Markdown kept as it is), or nothing.
    mutating func documentation(_ text: String?) {
        guard let text else { return }
        // Byte-level work: descriptions are long (GitHub's contract has megabytes of them), and line breaks and
        // the trailing blanks trimmed here are ASCII, so UTF-8 bytes split them safely. CRLF ends lines too.
        var lines: [String] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var end = line.endIndex
            while end > line.startIndex {
                let byte = line[line.index(before: end)]
                guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") else {
                    break
                }
                end = line.index(before: end)
            }
            lines.append(String(decoding: line[..<end], as: UTF8.self))
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { self.line(line.isEmpty ? "///" : "/// " + line) }
    }
}
