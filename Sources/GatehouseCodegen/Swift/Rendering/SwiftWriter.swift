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
            text += String(repeating: "    ", count: level) + content + "\n"
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
        // Scalar-level work: descriptions are long (GitHub's contract has megabytes of them) and grapheme
        // breaking would dominate the generator's time. Splitting on scalars also ends lines at CRLF.
        let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\r"]
        var lines: [String] = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            line in
            guard let last = line.lastIndex(where: { !whitespace.contains($0) }) else { return "" }
            return String(String.UnicodeScalarView(line[...last]))
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { self.line(line.isEmpty ? "///" : "/// " + line) }
    }
}
