import GatehouseJSON
public import GatehouseSpec

/// The findings a team accepts, from an `--ignore` file: each entry names a rule, a path glob and the reason.
///
/// ```yaml
/// - rule: response-enum-value-added
///   path: /pets/**
///   method: GET          # optional
///   reason: clients have a default case
/// ```
///
/// An entry that matches no finding is itself reported (`ignore-unused`), so the file does not outlive its reasons.
public struct IgnoreList: Sendable {
    public struct Entry: Sendable, Hashable {
        /// A rule id, or `*` for every rule.
        public var rule: String
        /// A glob over the operation's path: `*` within a segment, `**` across segments.
        public var path: String
        /// An HTTP method, uppercase; nil for every method.
        public var method: String?
        public var reason: String
        /// Where the entry is written, for `ignore-unused`.
        public var location: SourceLocation

        public init(rule: String, path: String, method: String? = nil, reason: String, location: SourceLocation) {
            self.rule = rule
            self.path = path
            self.method = method
            self.reason = reason
            self.location = location
        }

        func matches(_ finding: Finding) -> Bool {
            guard rule == "*" || rule == finding.rule.id else { return false }
            guard let operation = finding.operation else { return path == "**" }
            if let method, method != operation.method { return false }
            return Glob.matches(Array(path.split(separator: "/")), Array(operation.path.split(separator: "/")))
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads an ignore file's text (YAML or JSON); malformed entries are diagnostics at their line.
    public static func parse(bytes: [UInt8], path: String) -> (list: IgnoreList, diagnostics: [Diagnostic]) {
        let (file, problems) = SpecFileReader().parse(bytes, path: path)
        guard let file else { return (IgnoreList(), problems) }
        var diagnostics = problems
        var entries: [Entry] = []
        let items: [JSONValue]
        switch file.root {
        case .array(let array): items = array
        case .null: items = []
        default:
            let message = "expected a list of entries with 'rule', 'path' and 'reason' in the ignore file"
            return (
                IgnoreList(),
                diagnostics + [Diagnostic(.error, rule: "ignore-file", message, at: file.location(of: .root))]
            )
        }
        for (index, item) in items.enumerated() {
            let pointer = JSONPointer.root.appending(index)
            let location = file.location(of: pointer)
            guard let object = item.objectValue, let rule = object["rule"]?.stringValue,
                let glob = object["path"]?.stringValue, let reason = object["reason"]?.stringValue, !reason.isEmpty
            else {
                diagnostics.append(
                    Diagnostic(
                        .error, rule: "ignore-file", "expected an entry with 'rule', 'path' and a non-empty 'reason'",
                        at: location, pointer: pointer))
                continue
            }
            guard rule == "*" || DiffRules.named(rule) != nil else {
                diagnostics.append(
                    Diagnostic(
                        .error, rule: "ignore-file", "unknown rule '\(rule)' in the ignore file",
                        at: file.location(of: pointer.appending("rule")), pointer: pointer.appending("rule")))
                continue
            }
            let method = object["method"]?.stringValue?.uppercased()
            entries.append(Entry(rule: rule, path: glob, method: method, reason: reason, location: location))
        }
        return (IgnoreList(entries: entries), diagnostics)
    }

    /// The findings no entry matches, plus an `ignore-unused` warning for each entry that matched nothing.
    func apply(to findings: [Finding]) -> DiffReport {
        var used = Set<Int>()
        var kept: [Finding] = []
        for finding in findings {
            if let index = entries.indices.first(where: { entries[$0].matches(finding) }) {
                used.insert(index)
            } else {
                kept.append(finding)
            }
        }
        let ignoredCount = findings.count - kept.count
        for (index, entry) in entries.enumerated() where !used.contains(index) {
            let place = DiffPlace(location: entry.location, pointer: JSONPointer.root.appending(index))
            kept.append(
                Finding(
                    DiffRules.ignoreUnused,
                    "ignore entry for '\(entry.rule)' at '\(entry.path)' matches no finding; remove it",
                    operation: nil, at: place, notes: [Diagnostic.Note("its reason: \(entry.reason)")]))
        }
        return DiffReport(findings: kept, ignoredCount: ignoredCount)
    }
}
