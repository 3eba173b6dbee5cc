/// Escaping for text that goes into HTML, and the rule for which link targets the docs may carry.
///
/// Everything the spec says is text: it is escaped for both element content and quoted attribute values, so it
/// can never open a tag or leave an attribute. (The raw HTML a description holds is no exception: `HTMLSanitizer`
/// writes its allowed tags anew and escapes the rest with these functions.)
enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    static func escape(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        escape(text, into: &output)
        return output
    }

    /// Appends the escaped `text` to `output`, copying the runs between special characters whole.
    static func escape(_ text: some StringProtocol, into output: inout String) {
        append(text, into: &output, quotes: true)
    }

    private static func append(_ text: some StringProtocol, into output: inout String, quotes: Bool) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let replacement: String? =
                switch utf8[index] {
                case UInt8(ascii: "&"): "&amp;"
                case UInt8(ascii: "<"): "&lt;"
                case UInt8(ascii: ">"): "&gt;"
                case UInt8(ascii: "\""): quotes ? "&quot;" : nil
                case UInt8(ascii: "'"): quotes ? "&#39;" : nil
                case 0: "\u{FFFD}"
                default: nil
                }
            guard let replacement else {
                index = utf8.index(after: index)
                continue
            }
            output += text[runStart..<index]
            output += replacement
            index = utf8.index(after: index)
            runStart = index
        }
        output += text[runStart..<utf8.endIndex]
    }

    /// `text` for element content only (`<pre>`, `<code>`): `&`, `<` and `>` replaced, quotes kept, which keeps
    /// large examples about a third smaller than attribute-safe escaping would.
    static func escapeContent(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        append(text, into: &output, quotes: false)
        return output
    }

    /// The target when it is safe to link to: `http:`, `https:` and `mailto:` URLs, relative references and
    /// `#fragments`. Anything else with a scheme (`javascript:`, `data:`, `vbscript:`, …) gives nil, as does a
    /// target with control characters or spaces, which browsers strip before reading the scheme.
    static func safeLinkTarget(_ target: String) -> String? {
        guard !target.isEmpty,
            !target.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\\" })
        else { return nil }
        // A scheme is the text before the first ':' when no '/', '?' or '#' comes before it (RFC 3986 4.2).
        if let colon = target.firstIndex(of: ":"),
            !target[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        {
            let scheme = target[..<colon].lowercased()
            return ["http", "https", "mailto"].contains(scheme) ? target : nil
        }
        return target
    }

    /// True for an absolute `http:`/`https:` URL, which the page must not load by itself (it may only link to it).
    static func isExternal(_ target: String) -> Bool {
        let lower = target.lowercased()
        return lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//")
    }
}
