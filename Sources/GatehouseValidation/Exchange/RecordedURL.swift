/// The parts of a recorded request URL that matching and validation need, still percent-encoded.
struct RecordedURL: Sendable, Hashable {
    /// `/base/pets/1`.
    var path: String
    /// `limit=2&tag=a` (without `?`); empty when absent.
    var query: String

    /// Accepts absolute URLs (`http://host:8080/p?q`) and origin-form targets (`/p?q`); nil for anything else.
    init?(_ url: String) {
        var rest = Substring(url)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let scheme = rest.range(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            guard let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) else {
                path = "/"
                query = ""
                return
            }
            rest = afterAuthority[slash...]
        }
        guard rest.hasPrefix("/") || rest.hasPrefix("?") else { return nil }
        if let mark = rest.firstIndex(of: "?") {
            path = rest[..<mark].isEmpty ? "/" : String(rest[..<mark])
            query = String(rest[rest.index(after: mark)...])
        } else {
            path = String(rest)
            query = ""
        }
    }
}
