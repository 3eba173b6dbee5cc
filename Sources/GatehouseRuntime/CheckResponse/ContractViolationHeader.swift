import GatehouseValidation

/// The `Gatehouse-Contract-Violation` header: the first error and how many more, kept under 1 KB (proxies refuse
/// large headers, and a list of every error would grow with the body); the full list is in the log.
enum ContractViolationHeader {
    /// The longest value written, in bytes.
    static let limit = 1000

    /// `body/name: expected a string, found an integer 7 (and 2 more)`, the first error cut to fit; `part` names
    /// the request when it is the request that broke the contract (`request: query.limit: …`).
    static func value(_ issues: [ValidationIssue], part: String = "") -> String {
        guard let first = issues.first else { return "" }
        let more = issues.count > 1 ? " (and \(issues.count - 1) more)" : ""
        let prefix = part.isEmpty ? "" : part + ": "
        return cut(prefix + first.description.headerSafe, keeping: more)
    }

    /// `text` and `suffix` at most `limit` bytes long: `text` cut at a character boundary with `…` when longer.
    static func cut(_ text: String, keeping suffix: String) -> String {
        let room = limit - suffix.utf8.count
        guard text.utf8.count > room else { return text + suffix }
        var kept = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            guard bytes + size <= room - 3 else { break }
            kept.append(character)
            bytes += size
        }
        return kept + "…" + suffix
    }
}
