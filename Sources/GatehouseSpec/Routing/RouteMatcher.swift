/// Matches request paths to operations, compiled once from the API model.
///
/// Segments are matched left to right through a tree: at each level a literal segment wins over a templated one
/// (`/pets/mine` before `/pets/{id}`), and a templated segment may hold several parameters and literals
/// (`/files/{name}.{ext}`). Captures are returned raw (still percent-encoded), because decoding depends on each
/// parameter's style and `allowReserved`.
public struct RouteMatcher: Sendable {
    public struct Configuration: Sendable {
        /// The path prefix every route sits under (`/v1`); empty for none.
        public var basePath: String
        /// Whether `/pets/` matches `/pets` (and the other way round).
        public var ignoresTrailingSlash: Bool

        public init(basePath: String = "", ignoresTrailingSlash: Bool = true) {
            self.basePath = basePath
            self.ignoresTrailingSlash = ignoresTrailingSlash
        }
    }

    /// The outcome of matching one request.
    public enum Match: Sendable, Equatable {
        /// An operation, by its index in the operations the matcher was built from, with the raw path captures.
        case operation(index: Int, captures: [String: String])
        /// The path exists but not with this method; the methods it has, for `Allow`.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private final class Node: Sendable {
        let literals: [String: Node]
        let templates: [(pattern: [PathTemplate.Part], node: Node)]
        /// Operation index by method, for paths that end here.
        let methods: [HTTPMethod: Int]

        init(
            literals: [String: Node], templates: [(pattern: [PathTemplate.Part], node: Node)],
            methods: [HTTPMethod: Int]
        ) {
            self.literals = literals
            self.templates = templates
            self.methods = methods
        }
    }

    /// A mutable tree used while building, frozen into `Node`s.
    private final class Builder {
        var literals: [String: Builder] = [:]
        var templates: [(pattern: [PathTemplate.Part], node: Builder)] = []
        var methods: [HTTPMethod: Int] = [:]

        func child(for segment: [PathTemplate.Part]) -> Builder {
            if segment.count == 1, case .literal(let text) = segment[0] {
                if let existing = literals[text] { return existing }
                let created = Builder()
                literals[text] = created
                return created
            }
            if let existing = templates.first(where: { $0.pattern == segment }) { return existing.node }
            let created = Builder()
            templates.append((segment, created))
            return created
        }

        func freeze() -> Node {
            // More literal text first: `{name}.json` is tried before `{name}`.
            let ordered = templates.sorted { literalLength($0.pattern) > literalLength($1.pattern) }
            return Node(
                literals: literals.mapValues { $0.freeze() },
                templates: ordered.map { ($0.pattern, $0.node.freeze()) },
                methods: methods
            )
        }

        private func literalLength(_ pattern: [PathTemplate.Part]) -> Int {
            pattern.reduce(0) { total, part in
                if case .literal(let text) = part { return total + text.count }
                return total
            }
        }
    }

    private let root: Node
    public let configuration: Configuration

    /// Builds a matcher over `operations` (indices in the result refer to this array).
    public init(operations: [Operation], configuration: Configuration = Configuration()) {
        self.configuration = configuration
        let builder = Builder()
        for (index, operation) in operations.enumerated() where operation.path.problem == nil {
            var node = builder
            for segment in Self.normalized(operation.path.segments, configuration) {
                node = node.child(for: segment)
            }
            if node.methods[operation.method] == nil { node.methods[operation.method] = index }
        }
        self.root = builder.freeze()
    }

    private static func normalized(_ segments: [[PathTemplate.Part]], _ configuration: Configuration) -> [[PathTemplate
        .Part]]
    {
        var result = segments
        if configuration.ignoresTrailingSlash, result.count > 1, result.last == [.literal("")] { result.removeLast() }
        return result
    }

    /// Matches a request path (without query string, still percent-encoded) and method. `HEAD` falls back to `GET`.
    public func match(method: HTTPMethod, path: String) -> Match {
        guard let (node, captures) = resolve(path) else { return .notFound }
        if let index = node.methods[method] { return .operation(index: index, captures: captures) }
        if method == .head, let index = node.methods[.get] { return .operation(index: index, captures: captures) }
        return .methodNotAllowed(allowed: node.methods.keys.sorted())
    }

    /// The methods a path has (for `Allow`, `OPTIONS` and CORS preflight); empty when the path is unknown.
    public func allowedMethods(path: String) -> [HTTPMethod] {
        resolve(path)?.node.methods.keys.sorted() ?? []
    }

    private func resolve(_ path: String) -> (node: Node, captures: [String: String])? {
        guard let relative = stripBasePath(path) else { return nil }
        // Substrings of the path, not new Strings: matching runs on every request.
        var segments = relative.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if configuration.ignoresTrailingSlash, segments.count > 1, segments.last == "" { segments.removeLast() }
        if segments.isEmpty { segments = [""] }
        var captures: [String: String] = [:]
        guard let node = find(root, segments, &captures) else { return nil }
        return (node, captures)
    }

    private func stripBasePath(_ path: String) -> Substring? {
        let base = configuration.basePath
        guard !base.isEmpty, base != "/" else { return path.hasPrefix("/") ? path[...] : Substring("/" + path) }
        guard path.hasPrefix(base) else { return nil }
        let rest = path.dropFirst(base.count)
        if rest.isEmpty { return "/" }
        return rest.hasPrefix("/") ? rest : nil
    }

    /// Depth-first: literal child first, then templated children in order; backtracks when a branch dead-ends.
    private func find(_ node: Node, _ segments: ArraySlice<Substring>, _ captures: inout [String: String]) -> Node? {
        guard let segment = segments.first else { return node.methods.isEmpty ? nil : node }
        let rest = segments.dropFirst()
        if !node.literals.isEmpty, let literal = node.literals[String(segment)],
            let found = find(literal, rest, &captures)
        {
            return found
        }
        for (pattern, child) in node.templates {
            // A whole segment that is one parameter (`/{id}`), the common case: no copy of the captures.
            if pattern.count == 1, case .parameter(let name) = pattern[0] {
                guard !segment.isEmpty else { continue }
                let previous = captures.updateValue(String(segment), forKey: name)
                if let found = find(child, rest, &captures) { return found }
                captures[name] = previous
                continue
            }
            var attempt = captures
            guard Self.match(pattern, segment, &attempt) else { continue }
            if let found = find(child, rest, &attempt) {
                captures = attempt
                return found
            }
        }
        return nil
    }

    /// Matches one segment against literal and parameter parts; a parameter takes the shortest text that lets the
    /// rest match, and must not be empty.
    static func match(_ pattern: [PathTemplate.Part], _ text: Substring, _ captures: inout [String: String]) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        let rest = Array(pattern.dropFirst())
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return false }
            return match(rest, text.dropFirst(literal.count), &captures)
        case .parameter(let name):
            guard !text.isEmpty else { return false }
            if rest.isEmpty {
                captures[name] = String(text)
                return true
            }
            var end = text.index(after: text.startIndex)
            while true {
                var attempt = captures
                attempt[name] = String(text[..<end])
                if match(rest, text[end...], &attempt) {
                    captures = attempt
                    return true
                }
                guard end < text.endIndex else { return false }
                end = text.index(after: end)
            }
        }
    }
}
