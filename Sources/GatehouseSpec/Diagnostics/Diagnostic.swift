public import GatehouseJSON

/// A problem found in the user's input, reported the way a compiler reports one.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
        case note
        /// A change worth knowing about that breaks nothing (`gatehouse diff`'s changelog entries).
        case info
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: return 0
            case .info: return 1
            case .warning: return 2
            case .error: return 3
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary message, optionally at its own location (`first defined here`).
    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    /// The rule id, as printed in brackets and accepted by `--disable`.
    public var rule: String
    /// Lowercase first word, names in single quotes, no trailing period.
    public var message: String
    public var location: SourceLocation?
    /// Where in the document (the file of `location`) the problem is.
    public var pointer: JSONPointer?
    public var notes: [Note]

    public init(
        _ severity: Severity,
        rule: String,
        _ message: String,
        at location: SourceLocation? = nil,
        pointer: JSONPointer? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.message = message
        self.location = location
        self.pointer = pointer
        self.notes = notes
    }

    /// A diagnostic of `rule` at the rule's default severity.
    public init(
        _ rule: Rule,
        _ message: String,
        at location: SourceLocation? = nil,
        pointer: JSONPointer? = nil,
        notes: [Note] = []
    ) {
        self.init(rule.defaultSeverity, rule: rule.id, message, at: location, pointer: pointer, notes: notes)
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:col: severity: message [rule]`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message) [\(rule)]"
        return text
    }
}

extension [Diagnostic] {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }

    /// Sorted by file, line and column (diagnostics without a location first), stable otherwise.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { left, right in
            switch (left.element.location, right.element.location) {
            case (nil, nil): return left.offset < right.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let l?, let r?): return l == r ? left.offset < right.offset : l < r
            }
        }.map(\.element)
    }
}
