import Foundation

/// A `pattern` (or `patternProperties` key) compiled once.
///
/// Patterns run on Gatehouse's own Pike VM (`PatternProgram`), whose work is linear in the input, so pathological
/// patterns cannot hang validation. The few ECMA-262 features it lacks (backreferences, lookaround) fall back to
/// `NSRegularExpression`, which backtracks: for those patterns, inputs longer than `fallbackInputLimit` characters
/// do not match, which bounds the work.
final class PatternMatcher: Sendable {
    struct Failure: Error {
        var message: String
    }

    let source: String
    let program: PatternProgram?
    private let dfa: PatternDFA?
    /// Immutable and documented as safe to use from several threads.
    private let fallback: NSRegularExpression?
    static let fallbackInputLimit = 10_000

    init(_ source: String) throws(Failure) {
        self.source = source
        do {
            let program = try PatternParser.compile(source)
            self.program = program
            self.dfa = PatternDFA(program)
            self.fallback = nil
        } catch {
            guard error.unsupported else { throw Failure(message: error.message) }
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
