import GatehouseJSON
import GatehouseSpec

extension BodyDecoder {
    /// The outcome of matching a `Content-Type` against the declared media types.
    enum Selection: Sendable {
        /// The index into `content` and the parsed `Content-Type`.
        case selected(index: Int, actual: MediaTypeName)
        case rejected(ValidationIssue)
    }

    /// The declared media type a `Content-Type` selects, with the parsed `Content-Type`; most specific wins: an exact
    /// match with matching parameters, then an exact match, then `type/*+suffix`, then `type/*`, then `*/*`.
    func select(_ contentType: String) -> Selection {
        // The common case, a Content-Type written exactly as a declared concrete media type, needs no parsing.
        if let index = content.firstIndex(where: { $0.name == contentType }), let declared = content[index].mediaType,
            declared.type != "*", declared.subtype != "*", !declared.subtype.hasPrefix("*+")
        {
            return .selected(index: index, actual: declared)
        }
        guard let actual = MediaTypeName(contentType), actual.type != "*", actual.subtype != "*" else {
            return .rejected(
                ValidationIssue(
                    location: "header.Content-Type", keyword: "content-type",
                    message: "expected a Content-Type such as \(declaredList), found '\(contentType)'"))
        }
        var best: (index: Int, score: Int)?
        for (index, mediaType) in content.enumerated() {
            guard let declared = mediaType.mediaType, let score = Self.specificity(of: declared, for: actual) else {
                continue
            }
            if best == nil || score > best!.score { best = (index, score) }
        }
        guard let best else {
            return .rejected(
                ValidationIssue(
                    location: "header.Content-Type", keyword: "content-type",
                    message: "expected Content-Type \(declaredList), found '\(contentType)'"))
        }
        return .selected(index: best.index, actual: actual)
    }

    /// How specifically `declared` matches `actual`; nil when it does not.
    static func specificity(of declared: MediaTypeName, for actual: MediaTypeName) -> Int? {
        if declared.type == "*" { return 1 }
        guard declared.type == actual.type else { return nil }
        if declared.subtype == "*" { return 2 }
        if declared.subtype.hasPrefix("*+") {
            return actual.suffix == String(declared.subtype.dropFirst(2)) ? 3 : nil
        }
        guard declared.subtype == actual.subtype else { return nil }
        // Declared parameters must all be present with the same value; charset values compare case-insensitively.
        for parameter in declared.parameters {
            guard let value = actual.parameters.first(where: { $0.name == parameter.name })?.value else { return nil }
            let same =
                parameter.name == "charset"
                ? value.lowercased() == parameter.value.lowercased() : value == parameter.value
            guard same else { return nil }
        }
        return 4 + declared.parameters.count
    }

    /// `'application/json'`, `'application/json' or 'application/xml'`, or `one of 'a', 'b', 'c'`.
    var declaredList: String {
        let names = content.map { "'\($0.name)'" }
        switch names.count {
        case 0: return "none"
        case 1: return names[0]
        case 2: return "\(names[0]) or \(names[1])"
        default: return "one of \(names.joined(separator: ", "))"
        }
    }
}
