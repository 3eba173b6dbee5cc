extension PatternParser {
    /// Parses a class after its `[`.
    mutating func parseClass() throws(Failure) -> PatternProgram.CharMatcher {
        var set = PatternProgram.CharSet()
        if position < scalarCount, scalar(at: position) == "^" {
            set.negated = true
            position += 1
        }
        var first = true
        while true {
            guard position < scalarCount else { throw Failure(message: "missing ']'", unsupported: false) }
            let current = scalar(at: position)
            if current == "]" && !first {
                position += 1
                break
            }
            if current == "]" && first {
                // `[]` matches nothing and `[^]` anything, as in ECMA-262.
                position += 1
                break
            }
            first = false
            let low = try parseClassAtom()
            if position + 1 < scalarCount, scalar(at: position) == "-", scalar(at: position + 1) != "]" {
                position += 1
                let high = try parseClassAtom()
                guard case .range(let lowStart, let lowEnd) = low, lowStart == lowEnd,
                    case .range(let highStart, let highEnd) = high, highStart == highEnd
                else {
                    // `[\d-z]` is a class, a literal '-', and 'z' (Annex B).
                    set.items.append(low)
                    set.items.append(.range(0x2D, 0x2D))
                    set.items.append(high)
                    continue
                }
                guard lowStart <= highStart else {
                    throw Failure(message: "range out of order in character class", unsupported: false)
                }
                set.items.append(.range(lowStart, highEnd))
            } else {
                set.items.append(low)
            }
        }
        set.buildASCII()
        return .set(set)
    }

    private mutating func parseClassAtom() throws(Failure) -> PatternProgram.ClassItem {
        let current = scalar(at: position)
        position += 1
        guard current == "\\" else { return .range(current.value, current.value) }
        guard position < scalarCount else { throw Failure(message: "trailing backslash", unsupported: false) }
        if scalar(at: position) == "b" {
            position += 1
            return .range(8, 8)
        }
        if scalar(at: position) == "-" {
            position += 1
            return .range(0x2D, 0x2D)
        }
        switch try parseEscapeMatcher(inClass: true) {
        case .scalar(let value): return .range(value, value)
        case .set(let set) where set.items.count == 1 && !set.negated: return set.items[0]
        case .set(let set): return .nested(set)
        case .dot: return .range(0x2E, 0x2E)
        }
    }

    /// Parses an escape after its backslash (the backslash already consumed).
    mutating func parseEscapeMatcher(inClass: Bool) throws(Failure) -> PatternProgram.CharMatcher {
        let current = scalar(at: position)
        position += 1
        func classSet(_ item: PatternProgram.ClassItem) -> PatternProgram.CharMatcher {
            var set = PatternProgram.CharSet(items: [item])
            set.buildASCII()
            return .set(set)
        }
        switch current {
        case "d": return classSet(.digit(false))
        case "D": return classSet(.digit(true))
        case "w": return classSet(.word(false))
        case "W": return classSet(.word(true))
        case "s": return classSet(.space(false))
        case "S": return classSet(.space(true))
        case "t": return .scalar(9)
        case "n": return .scalar(10)
        case "v": return .scalar(11)
        case "f": return .scalar(12)
        case "r": return .scalar(13)
        case "0":
            if position < scalarCount, scalar(at: position).properties.numericType == .decimal {
                throw Failure(message: "octal escapes", unsupported: false)
            }
            return .scalar(0)
        case "c":
            guard position < scalarCount, scalar(at: position).isASCII, scalar(at: position).properties.isAlphabetic
            else { throw Failure(message: "invalid control escape", unsupported: false) }
            let letter = scalar(at: position)
            position += 1
            return .scalar(letter.value % 32)
        case "x":
            return .scalar(try readHex(count: 2))
        case "u":
            if position < scalarCount, scalar(at: position) == "{" {
                position += 1
                var value: UInt32 = 0
                var digits = 0
                while position < scalarCount, scalar(at: position) != "}" {
                    guard let digit = hexDigit(scalar(at: position)) else {
                        throw Failure(message: "invalid unicode escape", unsupported: false)
                    }
                    value = value &* 16 &+ digit
                    digits += 1
                    position += 1
                    guard value <= 0x10FFFF else {
                        throw Failure(message: "invalid unicode escape", unsupported: false)
                    }
                }
                guard digits > 0, position < scalarCount else {
                    throw Failure(message: "invalid unicode escape", unsupported: false)
                }
                position += 1
                return .scalar(value)
            }
            return .scalar(try readHex(count: 4))
        case "p", "P":
            guard position < scalarCount, scalar(at: position) == "{",
                let close = (position..<scalarCount).first(where: { scalar(at: $0) == "}" })
            else { throw Failure(message: "invalid property escape", unsupported: false) }
            let name = String(String.UnicodeScalarView((position + 1..<close).map { scalar(at: $0) }))
            position = close + 1
            guard let categories = PatternProgram.generalCategories(named: name) else {
                throw Failure(message: "unicode property '\(name)'", unsupported: true)
            }
            return classSet(.property(categories, current == "P"))
        default:
            // Identity escapes are for syntax characters only (the unicode-mode rule ECMA-262 uses for JSON Schema).
            if "^$\\.*+?()[]{}|/".unicodeScalars.contains(current) || (inClass && current == "-") {
                return .scalar(current.value)
            }
            throw Failure(message: "invalid escape '\\\(Character(current))'", unsupported: false)
        }
    }

    private mutating func readHex(count: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard position < scalarCount, let digit = hexDigit(scalar(at: position)) else {
                throw Failure(message: "invalid hexadecimal escape", unsupported: false)
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x41...0x46: return scalar.value - 0x41 + 10
        case 0x61...0x66: return scalar.value - 0x61 + 10
        default: return nil
        }
    }
}
