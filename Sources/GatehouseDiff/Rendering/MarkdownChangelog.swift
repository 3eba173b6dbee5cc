import GatehouseSpec

/// Renders findings as a Markdown changelog grouped by operation, for a pull request comment or release notes.
public enum MarkdownChangelog {
    public static func render(_ findings: [Finding], base: String, revision: String) -> String {
        var output = "# API changes: `\(base)` → `\(revision)`\n\n"
        guard !findings.isEmpty else { return output + "No changes.\n" }
        let errors = findings.count { $0.level == .error }
        let warnings = findings.count { $0.level == .warning }
        let infos = findings.count { $0.level < .warning }
        output += "\(counted(errors, "breaking change")), \(counted(warnings, "warning")), \(infos) compatible\n"
        let contract = findings.filter { $0.operation == nil }
        if !contract.isEmpty {
            output += "\n## The contract\n\n"
            for finding in ordered(contract) { output += line(finding) }
        }
        var byOperation: [OperationRef: [Finding]] = [:]
        for finding in findings {
            if let operation = finding.operation { byOperation[operation, default: []].append(finding) }
        }
        for operation in byOperation.keys.sorted() {
            output += "\n## `\(operation.method) \(operation.path)` (\(operation.id))\n\n"
            for finding in ordered(byOperation[operation] ?? []) { output += line(finding) }
        }
        return output
    }

    /// Most severe first, then by location.
    static func ordered(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($1.level, $0.location) < ($0.level, $1.location) }
    }

    static func line(_ finding: Finding) -> String {
        let label: String
        switch finding.level {
        case .error: label = "**breaking**"
        case .warning: label = "**warning**"
        case .info, .note: label = "info"
        }
        var text = "- \(label): \(escaped(finding.message)) (`\(finding.rule.id)`, \(finding.location))"
        if !finding.alsoAffects.isEmpty {
            let limit = 10
            let named = finding.alsoAffects.prefix(limit).map { "`\($0.method) \($0.path)` (\($0.id))" }
            let more = finding.alsoAffects.count > limit ? " and \(finding.alsoAffects.count - limit) more" : ""
            text += "; shared schema, also affects " + named.joined(separator: ", ") + more
        }
        return text + "\n"
    }

    /// Markdown's inline specials, so a pattern or path in a message shows as written.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
