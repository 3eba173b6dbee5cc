/// A path template such as `/files/{name}.{ext}`, split into segments of literal text and parameters.
public struct PathTemplate: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The template as written.
    public let raw: String
    /// One entry per `/`-separated segment after the leading slash.
    public let segments: [[Part]]
    /// Why the template could not be parsed (an unclosed or empty `{}`); nil when it is well-formed.
    public let problem: String?

    public init(_ raw: String) {
        self.raw = raw
        var segments: [[Part]] = []
        var problem: String?
        let body = raw.hasPrefix("/") ? raw.dropFirst() : Substring(raw)
        for segmentText in body.split(separator: "/", omittingEmptySubsequences: false) {
            var parts: [Part] = []
            var literal = ""
            var rest = segmentText[...]
            while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
                if rest[open] == "}" {
                    problem = problem ?? "unmatched '}' in path template '\(raw)'"
                    literal += rest[...open]
                    rest = rest[rest.index(after: open)...]
                    continue
                }
                literal += rest[..<open]
                guard let close = rest[open...].firstIndex(of: "}") else {
                    problem = problem ?? "unclosed '{' in path template '\(raw)'"
                    literal += rest[open...]
                    rest = rest[rest.endIndex...]
                    break
                }
                let name = rest[rest.index(after: open)..<close]
                if name.isEmpty || name.contains("{") {
                    problem = problem ?? "empty or nested '{}' in path template '\(raw)'"
                }
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                parts.append(.parameter(String(name)))
                rest = rest[rest.index(after: close)...]
            }
            literal += rest
            if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
            segments.append(parts)
        }
        self.segments = segments
        self.problem = problem
    }

    /// Parameter names in the order they appear.
    public var parameterNames: [String] {
        segments.flatMap { $0 }.compactMap {
            if case .parameter(let name) = $0 { return name }
            return nil
        }
    }

    /// The template with every parameter name erased (`/a/{}`): two templates with the same shape match the same
    /// requests.
    public var shape: String {
        "/"
            + segments.map { segment in
                segment.map {
                    switch $0 {
                    case .literal(let text): return text
                    case .parameter: return "{}"
                    }
                }.joined()
            }.joined(separator: "/")
    }
}

extension PathTemplate: CustomStringConvertible {
    public var description: String { raw }
}
