import Foundation

/// A `pattern` (or `patternProperties` key) compiled once.
///
/// Patterns run on Gatehouse's own Pike VM (`PatternProgram`), whose work is linear in the input, so pathological
/// patterns cannot hang validation; most run on a DFA built from it. The few ECMA-262 features the VM lacks
/// (backreferences, lookaround) fall back to `NSRegularExpression`, which backtracks. Its work is bounded two ways:
/// such a pattern may not nest quantifiers (`(a+)+`, the shape of catastrophic backtracking; it is a compile error),
/// and inputs longer than `fallbackInputLimit` characters do not match it.
final class PatternMatcher: Sendable {
    struct Failure: Error {
        var message: String
    }

    let source: String
    let program: PatternProgram?
    private let dfa: PatternDFA?
    /// Immutable and documented as safe to use from several threads.
    private let fallback: NSRegularExpression?
    static let fallbackInputLimit = 4_096

    init(_ source: String) throws(Failure) {
        self.source = source
        do {
            let program = try PatternParser.compile(source)
            self.program = program
            self.dfa = PatternDFA(program)
            self.fallback = nil
        } catch {
            guard error.unsupported else { throw Failure(message: error.message) }
            guard !Self.nestsQuantifiers(source) else {
                throw Failure(message: "\(error.message) combined with nested quantifiers are not supported")
            }
            guard let expression = try? NSRegularExpression(pattern: source, options: []) else {
                throw Failure(message: "\(error.message) are not supported")
            }
            self.program = nil
            self.dfa = nil
            self.fallback = expression
        }
    }

    func matches(_ text: String) -> Bool {
        if let dfa, let result = dfa.matches(text) { return result }
        if let program { return program.matches(text) }
        guard let fallback, text.utf16.count <= Self.fallbackInputLimit else { return false }
        return fallback.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    /// `matches(_:)` for a string given as its (valid) UTF-8 bytes; ASCII input on a DFA pattern needs no `String`.
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let dfa, let result = dfa.matches(bytes: bytes) { return result }
        return matches(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether a quantified group contains a quantifier, ignoring escapes and classes.
    static func nestsQuantifiers(_ source: String) -> Bool {
        var groups: [Bool] = []
        var quantifiedInside = false
        var inClass = false
        var escaped = false
        var previousClosedQuantified = false
        for scalar in source.unicodeScalars {
            let closedQuantified = previousClosedQuantified
            previousClosedQuantified = false
            if escaped {
                escaped = false
                continue
            }
            switch scalar {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass:
                groups.append(quantifiedInside)
                quantifiedInside = false
            case ")" where !inClass:
                previousClosedQuantified = quantifiedInside
                quantifiedInside = (groups.popLast() ?? false) || quantifiedInside
            case "*", "+", "{", "?":
                guard !inClass else { break }
                if closedQuantified { return true }
                if scalar != "?" { quantifiedInside = true }
            default: break
            }
        }
        return false
    }

    /// Whether `source` is an ECMA-262 regular expression (the `regex` format).
    static func isValid(_ source: String) -> Bool {
        do {
            _ = try PatternParser.compile(source)
            return true
        } catch {
            return error.unsupported
        }
    }
}
