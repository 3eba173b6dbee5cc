/// A media type (`type/subtype; name=value`) as RFC 9110 defines it, with ranges (`*/*`, `text/*`).
public struct MediaTypeName: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased.
    public var type: String
    /// Lowercased.
    public var subtype: String
    /// Parameter names lowercased, values as written (quotes removed).
    public var parameters: [(name: String, value: String)] {
        get { parameterPairs.map { ($0.name, $0.value) } }
        set { parameterPairs = newValue.map { Pair(name: $0.name, value: $0.value) } }
    }

    private struct Pair: Sendable, Hashable {
        var name: String
        var value: String
    }

    private var parameterPairs: [Pair]

    /// Parses a media type; nil when it is malformed.
    public init?(_ text: String) {
        let pieces = text.split(separator: ";", omittingEmptySubsequences: false)
        let essence = pieces[0].trimmingWhitespace()
        let halves = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, Self.isToken(halves[0]), Self.isToken(halves[1]) else { return nil }
        let type = halves[0].lowercased()
        let subtype = halves[1].lowercased()
        guard type != "*" || subtype == "*" else { return nil }
        self.type = type
        self.subtype = subtype
        self.parameterPairs = []
        for piece in pieces.dropFirst() {
            let parameter = piece.trimmingWhitespace()
            if parameter.isEmpty { continue }
            guard let equals = parameter.firstIndex(of: "=") else { return nil }
            let name = parameter[..<equals]
            var value = parameter[parameter.index(after: equals)...]
            guard Self.isToken(name) else { return nil }
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else { return nil }
                value = value.dropFirst().dropLast()
            } else if !Self.isToken(value) {
                return nil
            }
            parameterPairs.append(Pair(name: name.lowercased(), value: String(value)))
        }
    }

    /// `type/subtype` without parameters.
    public var essence: String { "\(type)/\(subtype)" }

    /// The subtype's structured-syntax suffix (`json` for `application/problem+json`).
    public var suffix: String? {
        subtype.lastIndex(of: "+").map { String(subtype[subtype.index(after: $0)...]) }
    }

    /// True for JSON and `+json` types.
    public var isJSON: Bool {
        (type == "application" && subtype == "json") || suffix == "json"
    }

    public var description: String {
        ([essence] + parameterPairs.map { "\($0.name)=\($0.value)" }).joined(separator: "; ")
    }

    public static func == (lhs: MediaTypeName, rhs: MediaTypeName) -> Bool {
        lhs.type == rhs.type && lhs.subtype == rhs.subtype && lhs.parameterPairs == rhs.parameterPairs
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(subtype)
        hasher.combine(parameterPairs)
    }

    /// RFC 9110 `token`: visible ASCII except separators.
    static func isToken(_ text: Substring) -> Bool {
        guard !text.isEmpty else { return false }
        return text.utf8.allSatisfy { byte in
            guard byte > 0x20 && byte < 0x7F else { return false }
            return !"()<>@,;:\\\"/[]?={}".utf8.contains(byte)
        }
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
