import GatehouseJSON
import GatehouseSpec

/// A change with errors must say so in `info.version`: a new major version (a new minor one while the major is 0).
enum VersionPolicy {
    static func findings(base: DiffSide, revision: DiffSide, changes: [Finding]) -> [Finding] {
        guard changes.contains(where: { $0.level == .error }) else { return [] }
        let before = numbers(base.model.info.version)
        let after = numbers(revision.model.info.version)
        let bumped: Bool
        if let oldMajor = before.first, let newMajor = after.first {
            if newMajor != oldMajor {
                bumped = newMajor > oldMajor
            } else {
                bumped = oldMajor == 0 && after.dropFirst().first ?? 0 > before.dropFirst().first ?? 0
            }
        } else {
            bumped = base.model.info.version != revision.model.info.version
        }
        guard !bumped else { return [] }
        let pointer = JSONPointer.root.appending("info").appending("version")
        let errors = changes.count { $0.level == .error }
        let message =
            "the change breaks clients (\(errors) error\(errors == 1 ? "" : "s")) but info.version went from "
            + "'\(base.model.info.version)' to '\(revision.model.info.version)'; bump the major version"
        return [
            Finding(
                DiffRules.versionBump, message, operation: nil,
                at: revision.place(revision.document.rootAddress(pointer)),
                notes: [
                    Diagnostic.Note("the base's version", at: base.place(base.document.rootAddress(pointer)).location)
                ])
        ]
    }

    /// `1.2.3` gives [1, 2, 3]; a leading `v` is skipped; parsing stops at the first part that is not a number.
    static func numbers(_ version: String) -> [Int] {
        var text = Substring(version)
        if text.first == "v" || text.first == "V" { text = text.dropFirst() }
        var result: [Int] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = part.prefix { $0.isNumber }
            guard let number = Int(digits) else { break }
            result.append(number)
            if digits.count != part.count { break }
        }
        return result
    }
}
