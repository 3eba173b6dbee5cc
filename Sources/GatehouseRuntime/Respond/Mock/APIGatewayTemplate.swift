/// A mapping template of an API Gateway integration, in the subset of VTL the mock engine follows: static text with
/// `$input.params('name')` (or `"name"`) and `$context.requestId` (or `${context.requestId}`) substituted.
///
/// Directives (`#set`, `#if`, `#foreach`, comments) and any other reference (`$input.json(…)`, `$util…`,
/// `$context.identity…`) are refused when the template is parsed, with the reason, so the engine can fall back to the
/// contract instead of sending a half-rendered template. A `$` not followed by a name is text, as in Velocity.
struct APIGatewayTemplate: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case text(String)
        case parameter(String)
        case requestId
    }

    let segments: [Segment]
    /// The bytes of a template without substitutions, rendered once.
    let staticBytes: [UInt8]?

    /// Parses `text`; the error says what is not supported.
    init(_ text: String) throws(Unsupported) {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first == "#", let directive = Self.directive(at: rest) {
                throw Unsupported(what: "the VTL directive '\(directive)'")
            }
            if first == "$", let found = try Self.reference(at: rest) {
                if !literal.isEmpty { segments.append(.text(literal)) }
                literal = ""
                segments.append(found.segment)
                rest = rest.dropFirst(found.length)
                continue
            }
            literal.append(first)
            rest = rest.dropFirst()
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        self.segments = segments
        let isStatic = segments.allSatisfy { if case .text = $0 { return true } else { return false } }
        staticBytes = isStatic ? Array(text.utf8) : nil
    }

    /// Why a template cannot be followed.
    struct Unsupported: Error, Hashable {
        var what: String
    }

    func render(_ context: MockRequestContext) -> [UInt8] {
        if let staticBytes { return staticBytes }
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .parameter(let name): output += context.parameter(name) ?? ""
            case .requestId: output += context.requestId ?? ""
            }
        }
        return Array(output.utf8)
    }

    /// The directive starting at `text` (`#set`, `##`, `#*`), or nil when the `#` is plain text (`"#fff"`).
    private static func directive(at text: Substring) -> String? {
        let body = text.dropFirst()
        if body.hasPrefix("#") || body.hasPrefix("*") { return "#" + body.prefix(1) }
        let name = body.hasPrefix("{") ? body.dropFirst().prefix { $0.isLetter } : body.prefix { $0.isLetter }
        let directives: Set<Substring> = [
            "set", "if", "elseif", "else", "end", "foreach", "break", "stop", "macro", "define", "include", "parse",
            "evaluate",
        ]
        return directives.contains(name) ? "#" + name : nil
    }

    /// The supported reference starting at `text` with its length; nil when the `$` is text; throws for a reference
    /// that is not supported.
    private static func reference(at text: Substring) throws(Unsupported) -> (segment: Segment, length: Int)? {
        let body = text.dropFirst()
        let braced = body.hasPrefix("{")
        let silent = body.hasPrefix("!")
        let start = braced || silent ? body.dropFirst() : body
        guard let first = start.first, first.isLetter || first == "_" else { return nil }
        // The reference runs over names, dots and one argument list, as far as Velocity would read it.
        var end = start.startIndex
        var depth = 0
        while end < start.endIndex {
            let character = start[end]
            if character == "(" {
                depth += 1
            } else if character == ")" {
                guard depth > 0 else { break }
                depth -= 1
                if depth == 0 {
                    end = start.index(after: end)
                    break
                }
            } else if depth == 0, !(character.isLetter || character.isNumber || character == "_" || character == ".") {
                break
            }
            end = start.index(after: end)
        }
        var reference = start[start.startIndex..<end]
        while reference.hasSuffix(".") { reference = reference.dropLast() }
        var length = 1 + (braced || silent ? 1 : 0) + reference.count
        if braced {
            guard start[reference.endIndex...].hasPrefix("}") else {
                throw Unsupported(what: "the reference '$\(body.prefix(40))'")
            }
            length += 1
        }
        if reference == "context.requestId" { return (.requestId, length) }
        if reference.hasPrefix("input.params("), reference.hasSuffix(")") {
            let argument = reference.dropFirst("input.params(".count).dropLast().trimmingOWS()
            if argument.count >= 2, let quote = argument.first, quote == "'" || quote == "\"", argument.last == quote {
                return (.parameter(String(argument.dropFirst().dropLast())), length)
            }
        }
        throw Unsupported(what: "the reference '$\(reference)'")
    }
}
