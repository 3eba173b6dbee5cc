import GatehouseJSON

/// The JSON grammar as `JSONParser` reads it (RFC 8259: strings must be valid UTF-8 with no lone surrogate
/// escapes, numbers must be finite, no key may repeat), checked without building values.
extension ByteValidator {
    /// A number's place in the text, and its value when it is a 64-bit integer.
    struct NumberToken {
        var start: Int
        var end: Int
        var integer: Int64?
        /// No exponent and fewer than 300 integer digits: its double is finite without parsing it.
        var isFinite: Bool
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): offset += 1
            default: return
            }
        }
    }

    /// Moves past any value at `offset`, checking its syntax only.
    mutating func skipValue() -> Bool {
        guard offset < bytes.count else { return false }
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            return scanString() != nil
        case UInt8(ascii: "{"):
            guard openContainer() else { return false }
            let keyBase = keys.count
            skipWhitespace()
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
                offset += 1
            } else {
                while true {
                    guard let key = scanKey(), noteKey(UnsafeBufferPointer(rebasing: bytes[key]), base: keyBase),
                        skipValue()
                    else { return false }
                    guard let more = nextMember(closing: UInt8(ascii: "}")) else { return false }
                    if !more { break }
                }
            }
            keys.removeSubrange(keyBase...)
            nesting -= 1
            return true
        case UInt8(ascii: "["):
            guard openContainer() else { return false }
            skipWhitespace()
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
                offset += 1
            } else {
                while true {
                    guard skipValue(), let more = nextMember(closing: UInt8(ascii: "]")) else { return false }
                    if !more { break }
                }
            }
            nesting -= 1
            return true
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default:
            guard let token = scanNumber() else { return false }
            return token.isFinite || number(token) != nil
        }
    }

    /// Moves into the array or object at `offset`, within the nesting limit.
    mutating func openContainer() -> Bool {
        guard nesting < nestingLimit else { return false }
        nesting += 1
        offset += 1
        return true
    }

    /// After a member or an element: true past a `,` (and the whitespace after it), false past `closing`, nil when
    /// neither follows.
    mutating func nextMember(closing: UInt8) -> Bool? {
        skipWhitespace()
        guard offset < bytes.count else { return nil }
        if bytes[offset] == UInt8(ascii: ",") {
            offset += 1
            skipWhitespace()
            return true
        }
        guard bytes[offset] == closing else { return nil }
        offset += 1
        return false
    }

    /// A key and the `:` after it (and the whitespace around); the key's bytes, or nil when malformed or when it
    /// is escaped or not ASCII (key equality is then the parser's business).
    mutating func scanKey() -> Range<Int>? {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { return nil }
        let start = offset + 1
        guard let scanned = scanString(), !scanned.escaped, !scanned.nonASCII else { return nil }
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return nil }
        offset += 1
        skipWhitespace()
        return start..<scanned.end
    }

    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let pointer = text.utf8Start
        for index in 0..<count where bytes[offset + index] != pointer[index] { return false }
        offset += count
        return true
    }

    /// Scans the string whose opening quote is at `offset` and moves past its closing quote; the end of its
    /// content, and whether it has escapes or non-ASCII bytes; nil when malformed.
    mutating func scanString() -> (end: Int, escaped: Bool, nonASCII: Bool)? {
        offset += 1
        let start = offset
        let count = bytes.count
        let base = bytes.baseAddress!
        var escaped = false
        var nonASCII = false
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control character or non-ASCII.
            while offset &+ 8 <= count {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let quote = word ^ 0x2222_2222_2222_2222
                let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                let special =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- 0x2020_2020_2020_2020) & ~word) | word
                if special & 0x8080_8080_8080_8080 != 0 { break }
                offset &+= 8
            }
            guard offset < count else { return nil }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let end = offset
                offset += 1
                if nonASCII, !Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return nil }
                return (end, escaped, nonASCII)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard scanEscape() else { return nil }
                continue
            }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { nonASCII = true }
            offset += 1
        }
    }

    /// An escape at `offset` (the backslash), as the parser accepts it: `\uD800`–`\uDBFF` only before a low
    /// surrogate escape, `\uDC00`–`\uDFFF` never alone.
    private mutating func scanEscape() -> Bool {
        offset += 1
        guard offset < bytes.count else { return false }
        let escape = bytes[offset]
        offset += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return true
        case UInt8(ascii: "u"):
            guard let code = hex4() else { return false }
            if code >= 0xD800 && code < 0xDC00 {
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                else { return false }
                offset += 2
                guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return false }
                return true
            }
            return !(code >= 0xDC00 && code < 0xE000)
        default:
            return false
        }
    }

    private mutating func hex4() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    /// Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF), as `String(validating:)` checks it.
    static func isValidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = text.count
        while index < count {
            let lead = text[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = text[index + 1]
            guard second >= low && second <= high else { return false }
            for next in (index + 2)..<(index + length) where text[next] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// Scans the number at `offset` with the parser's grammar (no leading zeros, digits after `.` and `e`).
    mutating func scanNumber() -> NumberToken? {
        let start = offset
        var negative = false
        if bytes[offset] == UInt8(ascii: "-") {
            negative = true
            offset += 1
        }
        guard offset < bytes.count, Self.isDigit(bytes[offset]) else { return nil }
        var integer: Int64 = 0
        var overflow = false
        var digits = 0
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
            if offset < bytes.count && Self.isDigit(bytes[offset]) { return nil }
        } else {
            while offset < bytes.count && Self.isDigit(bytes[offset]) {
                let digit = Int64(bytes[offset] - UInt8(ascii: "0"))
                let (times10, o1) = integer.multipliedReportingOverflow(by: 10)
                let (sum, o2) =
                    negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
                overflow = overflow || o1 || o2
                integer = sum
                digits += 1
                offset += 1
            }
        }
        var isInteger = true
        var isFinite = digits < 300
        if offset < bytes.count && bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard offset < bytes.count, Self.isDigit(bytes[offset]) else { return nil }
            while offset < bytes.count && Self.isDigit(bytes[offset]) { offset += 1 }
        }
        if offset < bytes.count && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E")) {
            isInteger = false
            isFinite = false
            offset += 1
            if offset < bytes.count && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")) {
                offset += 1
            }
            guard offset < bytes.count, Self.isDigit(bytes[offset]) else { return nil }
            while offset < bytes.count && Self.isDigit(bytes[offset]) { offset += 1 }
        }
        return NumberToken(
            start: start, end: offset, integer: isInteger && !overflow ? integer : nil, isFinite: isFinite)
    }

    /// The number as the parser builds it; nil when it is out of range.
    func number(_ token: NumberToken) -> JSONNumber? {
        if let integer = token.integer { return JSONNumber(integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
        return JSONNumber(literal: text)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
