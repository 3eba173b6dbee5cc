/// RFC 3986 reference resolution for `$id` and `$ref`, on URIs with a scheme (`http://…`, `urn:…`) and on plain
/// file paths (`specs/petstore.yaml`), which behave like a URI's path.
enum SchemaURI {
    struct Parts {
        var scheme: Substring?
        var authority: Substring?
        var path: Substring
        var query: Substring?
        var fragment: Substring?
    }

    static func parse(_ text: String) -> Parts {
        var rest = Substring(text)
        var parts = Parts(scheme: nil, authority: nil, path: "", query: nil, fragment: nil)
        if let hash = rest.firstIndex(of: "#") {
            parts.fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            parts.query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), isScheme(rest[..<colon]) {
            parts.scheme = rest[..<colon]
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            parts.authority = rest[afterSlashes..<end]
            rest = rest[end...]
        }
        parts.path = rest
        return parts
    }

    private static func isScheme(_ text: Substring) -> Bool {
        // One letter is a Windows drive in practice; schemes in schemas are longer.
        guard text.count > 1, let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    static func compose(_ parts: Parts) -> String {
        var result = ""
        if let scheme = parts.scheme { result += scheme + ":" }
        if let authority = parts.authority { result += "//" + authority }
        result += parts.path
        if let query = parts.query { result += "?" + query }
        if let fragment = parts.fragment { result += "#" + fragment }
        return result
    }

    /// Resolves `reference` against `base` (RFC 3986 section 5.2).
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = parse(reference)
        let baseParts = parse(base)
        var target = Parts(scheme: nil, authority: nil, path: "", query: nil, fragment: ref.fragment)
        if ref.scheme != nil {
            target.scheme = ref.scheme
            target.authority = ref.authority
            target.path = Substring(removeDotSegments(String(ref.path)))
            target.query = ref.query
        } else {
            target.scheme = baseParts.scheme
            if ref.authority != nil {
                target.authority = ref.authority
                target.path = Substring(removeDotSegments(String(ref.path)))
                target.query = ref.query
            } else {
                target.authority = baseParts.authority
                if ref.path.isEmpty {
                    target.path = baseParts.path
                    target.query = ref.query ?? baseParts.query
                } else {
                    if ref.path.hasPrefix("/") {
                        target.path = Substring(removeDotSegments(String(ref.path)))
                    } else {
                        target.path = Substring(removeDotSegments(merge(baseParts, ref.path)))
                    }
                    target.query = ref.query
                }
            }
        }
        // A URN's path is opaque: no dot segments to remove, but the above leaves it intact anyway.
        return compose(target)
    }

    private static func merge(_ base: Parts, _ path: Substring) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return String(path) }
        return String(base.path[...slash]) + path
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        let absolute = path.hasPrefix("/")
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if output.count > (absolute ? 1 : 0) { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        var result = output.joined(separator: "/")
        if absolute && !result.hasPrefix("/") { result = "/" + result }
        return result
    }

    /// The URI without its fragment, and the fragment (without `#`, empty when absent).
    static func splitFragment(_ uri: String) -> (base: String, fragment: String) {
        guard let hash = uri.firstIndex(of: "#") else { return (uri, "") }
        return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
    }
}
