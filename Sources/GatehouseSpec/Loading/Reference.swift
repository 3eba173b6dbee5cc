public import GatehouseJSON

/// A `$ref` string taken apart: which file (if another) and which node in it.
public struct Reference: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A node of a local file: `path` empty means the file that holds the reference.
        case local(path: String, pointer: JSONPointer)
        /// A plain-name fragment (`#foo`), which only JSON Schema's `$anchor` can resolve.
        case anchor(path: String, name: String)
        /// A URL with a scheme (`https:`, `urn:`); not followed.
        case remote(String)
    }

    public let text: String
    public let target: Target

    /// Parses a `$ref` value; nil when the fragment is not a valid percent-encoded JSON pointer.
    public init?(_ text: String) {
        self.text = text
        let hashIndex = text.firstIndex(of: "#")
        let pathPart = String(hashIndex.map { text[..<$0] } ?? text[...])
        let fragment = hashIndex.map { String(text[text.index(after: $0)...]) } ?? ""
        if Reference.hasScheme(pathPart) && !pathPart.hasPrefix("file:") {
            self.target = .remote(text)
            return
        }
        var path = pathPart
        if path.hasPrefix("file://") {
            path.removeFirst("file://".count)
        } else if path.hasPrefix("file:") {
            path.removeFirst("file:".count)
        }
        guard let decodedPath = path.removingPercentEncodingLossless() else { return nil }
        if fragment.isEmpty || fragment.hasPrefix("/") {
            guard let pointer = JSONPointer(fragment: fragment) else { return nil }
            self.target = .local(path: decodedPath, pointer: pointer)
        } else {
            self.target = .anchor(path: decodedPath, name: fragment)
        }
    }

    /// `scheme:` as RFC 3986 defines it (a letter, then letters, digits, `+`, `-`, `.`), not a Windows drive.
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard scheme.count > 1, let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
