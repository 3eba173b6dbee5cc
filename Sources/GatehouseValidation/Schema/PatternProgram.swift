/// A compiled regular expression: instructions for a Pike VM (Thompson's construction, simulated in lockstep).
///
/// Matching costs at most O(input length × program size) and never backtracks, so no pattern can make validation
/// hang: `(a+)+$` against a long run of `a`s followed by `!` takes linear time.
struct PatternProgram: Sendable {
    enum Instruction: Sendable {
        case character(Int)
        /// Relative jumps to both targets; the first is preferred (irrelevant for a yes/no match).
        case split(Int, Int)
        case jump(Int)
        case assertStart
        case assertEnd
        case wordBoundary(Bool)
        case match
    }

    enum CharMatcher: Sendable {
        case scalar(UInt32)
        /// Any character but a line terminator.
        case dot
        case set(CharSet)

        func matches(_ value: UInt32) -> Bool {
            switch self {
            case .scalar(let expected): return value == expected
            case .dot: return value != 0x0A && value != 0x0D && value != 0x2028 && value != 0x2029
            case .set(let set): return set.contains(value)
            }
        }
    }

    enum ClassItem: Sendable {
        case range(UInt32, UInt32)
        case digit(Bool)
        case word(Bool)
        case space(Bool)
        /// General categories, negated or not.
        case property([Unicode.GeneralCategory], Bool)
        case nested(CharSet)

        func contains(_ value: UInt32) -> Bool {
            switch self {
            case .range(let low, let high): return value >= low && value <= high
            case .digit(let negated): return (value >= 0x30 && value <= 0x39) != negated
            case .word(let negated): return PatternProgram.isWord(value) != negated
            case .space(let negated): return PatternProgram.isSpace(value) != negated
            case .property(let categories, let negated):
                guard let scalar = Unicode.Scalar(value) else { return negated }
                return categories.contains(scalar.properties.generalCategory) != negated
            case .nested(let set): return set.contains(value)
            }
        }
    }

    /// A character class, with a bitmap for ASCII so the common case is two shifts and a mask.
    struct CharSet: Sendable {
        var items: [ClassItem] = []
        var negated = false
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init(items: [ClassItem] = []) {
            self.items = items
        }

        mutating func buildASCII() {
            low = 0
            high = 0
            for value in UInt32(0)..<128 where slowContains(value) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
        }

        private func slowContains(_ value: UInt32) -> Bool {
            items.contains { $0.contains(value) } != negated
        }

        @inline(__always)
        func contains(_ value: UInt32) -> Bool {
            if value < 64 { return low & (1 << UInt64(value)) != 0 }
            if value < 128 { return high & (1 << UInt64(value - 64)) != 0 }
            return slowContains(value)
        }
    }

    var instructions: [Instruction] = []
    var matchers: [CharMatcher] = []

    mutating func add(_ matcher: CharMatcher) -> Int {
        matchers.append(matcher)
        return matchers.count - 1
    }

    static func isWord(_ value: UInt32) -> Bool {
        (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
            || value == 0x5F
    }

    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            guard value > 0x7F, let scalar = Unicode.Scalar(value) else { return false }
            return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func generalCategories(named name: String) -> [Unicode.GeneralCategory]? {
        let trimmed = name.hasPrefix("General_Category=") ? String(name.dropFirst(17)) : name
        switch trimmed {
        case "L", "Letter":
            return [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        case "Lu", "Uppercase_Letter": return [.uppercaseLetter]
        case "Ll", "Lowercase_Letter": return [.lowercaseLetter]
        case "Lt", "Titlecase_Letter": return [.titlecaseLetter]
        case "Lm", "Modifier_Letter": return [.modifierLetter]
        case "Lo", "Other_Letter": return [.otherLetter]
        case "M", "Mark": return [.nonspacingMark, .spacingMark, .enclosingMark]
        case "Mn": return [.nonspacingMark]
        case "N", "Number": return [.decimalNumber, .letterNumber, .otherNumber]
        case "Nd", "Decimal_Number", "digit": return [.decimalNumber]
        case "Nl": return [.letterNumber]
        case "No": return [.otherNumber]
        case "P", "Punctuation":
            return [
                .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation,
            ]
        case "S", "Symbol": return [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        case "Z", "Separator": return [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        case "Zs", "Space_Separator": return [.spaceSeparator]
        case "C", "Other": return [.control, .format, .surrogate, .privateUse, .unassigned]
        case "Cc", "Control": return [.control]
        default: return nil
        }
    }
}
