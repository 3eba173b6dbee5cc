import GatehouseJSON
package import GatehouseSpec

/// An `Accept` header parsed into media ranges with their weights, and content negotiation over it (RFC 9110
/// section 12.5.1).
///
/// The quality of an available type is the weight of the most specific range that matches it: `text/plain;
/// format=flowed` before `text/plain`, before `text/*`, before `*/*`. A weight of 0 excludes a type. Ranges that do not
/// parse are ignored, and a header in which nothing parses counts as absent, because RFC 9110 lets a server
/// disregard a field it cannot read rather than refuse the request.
///
/// ```swift
/// let accept = AcceptHeader("application/xml;q=0.5, application/json")
/// accept.negotiate([MediaTypeName("application/xml")!, MediaTypeName("application/json")!])  // 1
/// ```
package struct AcceptHeader: Sendable, Hashable {
    /// One media range with its weight.
    package struct Range: Sendable, Hashable {
        /// The range without its `q` parameter (`*/*`, `text/*`, `application/json; charset=utf-8`).
        package var mediaType: MediaTypeName
        /// The weight from 0 to 1 (`q`, 1 when absent), in thousandths as RFC 9110 allows three decimals.
        package var weight: Int

        package init(mediaType: MediaTypeName, weight: Int = 1000) {
            self.mediaType = mediaType
            self.weight = weight
        }

        /// How specific the range is: `*/*` 0, `type/*` 1, `type/subtype` 2, plus one per parameter.
        package var specificity: Int {
            if mediaType.type == "*" { return 0 }
            if mediaType.subtype == "*" { return 1 }
            return 2 + mediaType.parameters.count
        }

        /// True when the range covers `candidate`. A candidate that is itself a range (`text/*`, as a contract may
        /// declare) is covered when the two overlap.
        package func matches(_ candidate: MediaTypeName) -> Bool {
            if mediaType.type == "*" || candidate.type == "*" { return true }
            guard mediaType.type == candidate.type else { return false }
            if mediaType.subtype == "*" || candidate.subtype == "*" { return true }
            guard Self.subtypesOverlap(mediaType.subtype, candidate.subtype) else { return false }
            // Every parameter the client names must be present with the same value; charset is case-insensitive.
            for parameter in mediaType.parameters {
                guard let value = candidate.parameters.first(where: { $0.name == parameter.name })?.value else {
                    return false
                }
                let same =
                    parameter.name == "charset"
                    ? value.lowercased() == parameter.value.lowercased() : value == parameter.value
                guard same else { return false }
            }
            return true
        }

        /// Equal subtypes, or a contract's `*+json` against any `+json` subtype.
        static func subtypesOverlap(_ accepted: String, _ declared: String) -> Bool {
            if accepted == declared { return true }
            if declared.hasPrefix("*+") { return accepted.hasSuffix("+" + declared.dropFirst(2)) }
            return false
        }
    }

    /// The ranges that parsed, in the order written.
    package var ranges: [Range]

    /// Parses the value of an `Accept` header (several headers joined with commas, as HTTP combines them).
    package init(_ text: String) {
        ranges = []
        for element in text.split(separator: ",") {
            if let range = Self.parseRange(element) { ranges.append(range) }
        }
    }

    /// True when no range parsed: the header says nothing and any type is acceptable.
    package var acceptsAnything: Bool { ranges.isEmpty }

    /// The weight (in thousandths) of `candidate`: that of the most specific matching range, 0 when none matches.
    /// A candidate that is itself a range (a contract's `*/*`) can be served as any type inside it, so it weighs as
    /// much as the heaviest range it overlaps.
    package func weight(of candidate: MediaTypeName) -> Int {
        if ranges.isEmpty { return 1000 }
        if candidate.type == "*" || candidate.subtype == "*" || candidate.subtype.hasPrefix("*+") {
            return ranges.filter { $0.matches(candidate) }.map(\.weight).max() ?? 0
        }
        var best: (specificity: Int, weight: Int)?
        for range in ranges where range.matches(candidate) {
            let specificity = range.specificity
            if best == nil || specificity > best!.specificity { best = (specificity, range.weight) }
        }
        return best?.weight ?? 0
    }

    /// The index of the available type the client prefers: the highest weight above 0, the first declared on a tie
    /// (the server's order breaks ties); nil when none is acceptable.
    package func negotiate(_ available: [MediaTypeName]) -> Int? {
        var best: (index: Int, weight: Int)?
        for (index, candidate) in available.enumerated() {
            let weight = weight(of: candidate)
            if weight > 0, best == nil || weight > best!.weight { best = (index, weight) }
        }
        return best?.index
    }

    /// The most specific concrete range the client accepts that lies inside `declared` (a contract's `text/*`):
    /// the type to answer with when the contract declares only a range.
    package func concreteType(within declared: MediaTypeName) -> MediaTypeName? {
        var best: Range?
        for range in ranges where range.weight > 0 && range.mediaType.type != "*" && range.mediaType.subtype != "*" {
            guard range.matches(declared) else { continue }
            if best == nil || range.weight > best!.weight { best = range }
        }
        return best?.mediaType
    }

    /// A range, or nil when it is malformed or its weight is not a valid `qvalue`.
    private static func parseRange(_ element: Substring) -> Range? {
        var pieces = element.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingOWS() }
        guard !pieces[0].isEmpty else { return nil }
        var weight = 1000
        // `q` separates the media type's parameters from accept extensions, which are not part of the range.
        if let position = pieces.firstIndex(where: { $0.lowercased().hasPrefix("q=") }) {
            guard let parsed = parseWeight(pieces[position].dropFirst(2)) else { return nil }
            weight = parsed
            pieces = Array(pieces[..<position])
        }
        guard let mediaType = MediaTypeName(pieces.joined(separator: ";")) else { return nil }
        return Range(mediaType: mediaType, weight: weight)
    }

    /// RFC 9110 `qvalue`: `0`, `0.5`, `1`, `1.000`; at most three decimals.
    static func parseWeight(_ text: Substring) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole == "0" || whole == "1" else { return nil }
        var thousandths = whole == "1" ? 1000 : 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard decimals.count <= 3, decimals.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let padded = decimals + String(repeating: "0", count: 3 - decimals.count)
            guard let fraction = Int(padded) else { return nil }
            if whole == "1" && fraction != 0 { return nil }
            thousandths += fraction
        }
        return thousandths
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace, `OWS`).
    func trimmingOWS() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
