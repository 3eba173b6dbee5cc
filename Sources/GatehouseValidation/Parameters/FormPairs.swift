import GatehouseJSON
import GatehouseSpec

/// The `name=value` pairs of a query string, a cookie header or a form body, in order, with names decoded and values
/// still raw.
///
/// Values stay percent-encoded because the style decides what splits them: in `color=blue,black` the comma is a
/// delimiter, while an encoded `%2C` is part of a value.
struct FormPairs: Sendable {
    struct Pair: Sendable, Hashable {
        var name: String
        /// Nil for a bare `name` without `=`.
        var rawValue: Substring?
    }

    var pairs: [Pair] = []
    /// Positions in `pairs` by name, so a body with a million fields is not searched once per field.
    private var positions: [String: [Int]] = [:]
    /// Names that could not be decoded, reported at `location`.
    var issues: [ValidationIssue] = []
    /// True when `+` means a space (query strings and form bodies; not cookies).
    let plusAsSpace: Bool

    /// Splits a query string or form body on `&`.
    init(query: Substring, location: String) {
        plusAsSpace = true
        for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
            add(piece, location: location)
        }
    }

    /// Cookies given as pairs already.
    init(cookies: [(name: String, value: String)]) {
        plusAsSpace = false
        for cookie in cookies { append(Pair(name: cookie.name, rawValue: Substring(cookie.value))) }
    }

    /// Splits `Cookie` header values on `;` (RFC 6265 `cookie-string`).
    init(cookieHeaders: [String]) {
        plusAsSpace = false
        for header in cookieHeaders {
            for piece in header.split(separator: ";") {
                add(piece.trimmingSpaces(), location: "cookie")
            }
        }
    }

    private mutating func add(_ piece: Substring, location: String) {
        guard !piece.isEmpty else { return }
        let equals = piece.firstIndex(of: "=")
        let rawName = equals.map { piece[..<$0] } ?? piece
        let rawValue = equals.map { piece[piece.index(after: $0)...] }
        switch PercentDecoding.decode(rawName, plusAsSpace: plusAsSpace) {
        case .success(let name):
            append(Pair(name: name, rawValue: rawValue))
        case .failure(let failure):
            issues.append(ValidationIssue(location: location, keyword: "encoding", message: failure.message))
        }
    }

    private mutating func append(_ pair: Pair) {
        positions[pair.name, default: []].append(pairs.count)
        pairs.append(pair)
    }

    func values(named name: String) -> [Substring] {
        (positions[name] ?? []).map { pairs[$0].rawValue ?? "" }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
