extension FormatChecker {
    /// ASCII character classes of RFC 3986, a bit each, so each byte costs one load: the bits of byte `b` are
    /// `classes.utf8Start[b] - 0x40` (the table is text, so it is constant data, with no initialization).
    private typealias Mask = UInt8
    /// pchar and `/`.
    private static let pathCharacters: Mask = 1
    /// pchar, `/` and `?`.
    private static let queryCharacters: Mask = 2
    /// unreserved, sub-delims and `:`.
    private static let userinfoCharacters: Mask = 4
    /// unreserved and sub-delims.
    private static let hostCharacters: Mask = 8
    /// ALPHA, DIGIT, `+`, `-`, `.`.
    private static let schemeCharacters: Mask = 16
    private static var classes: StaticString {
        "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@O@@O@OOOOO_O__C__________GO@O@BC__________________________@@@@O@__________________________@@@O@"
    }

    @inline(__always)
    private static func isIn(_ byte: UInt8, _ mask: Mask) -> Bool {
        byte < 128 && (classes.utf8Start[Int(byte)] & mask) != 0
    }

    /// Checks `bytes[start..<end]` against `mask`, allowing percent-escapes.
    @inline(__always)
    private static func isEncoded(_ bytes: Bytes, _ start: Int, _ end: Int, _ mask: Mask) -> Bool {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < end, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
            } else {
                guard isIn(byte, mask) else { return false }
                index += 1
            }
        }
        return true
    }

    /// RFC 3986 `URI` (with a scheme) or `URI-reference`; ASCII only, percent-escapes checked.
    static func isURI(_ bytes: Bytes, requireScheme: Bool) -> Bool {
        let count = bytes.count
        var index = 0
        var hasScheme = false
        if count > 0, isAlpha(bytes[0]) {
            var cursor = 1
            while cursor < count, isIn(bytes[cursor], schemeCharacters) { cursor += 1 }
            if cursor < count, bytes[cursor] == UInt8(ascii: ":") {
                index = cursor + 1
                hasScheme = true
            }
        }
        if !hasScheme {
            guard !requireScheme else { return false }
            // A relative reference's first segment cannot hold a colon (it would read as a scheme).
            for byte in bytes {
                if byte == UInt8(ascii: ":") { return false }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            }
        }
        if index + 1 < count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            let start = index + 2
            var end = start
            // One pass finds the authority's end and checks the usual `host[:port]` (reg-name characters, a colon);
            // anything else (userinfo, an IP literal, percent-escapes) goes to `isAuthority`.
            var plain = true
            var colon = -1
            while end < count {
                let byte = bytes[end]
                if isIn(byte, hostCharacters) {
                    end += 1
                    continue
                }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                if byte == UInt8(ascii: ":") && colon < 0 {
                    colon = end
                } else {
                    plain = false
                }
                end += 1
            }
            if plain {
                if colon >= 0 {
                    for position in (colon + 1)..<end where !isDigit(bytes[position]) { return false }
                }
            } else {
                guard isAuthority(bytes, start, end) else { return false }
            }
            index = end
        }
        // Path, query and fragment in one pass: `?` starts the query (inside it, `?` is a query character), `#`
        // the fragment (inside it, `#` is not allowed). A hex digit is never `?` or `#`, so a percent-escape cannot
        // run across a boundary.
        var mask = pathCharacters
        var part = 0
        while index < count {
            let byte = bytes[index]
            if isIn(byte, mask) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            if byte == UInt8(ascii: "?") && part == 0 {
                part = 1
            } else if byte == UInt8(ascii: "#") && part < 2 {
                part = 2
            } else {
                return false
            }
            mask = queryCharacters
            index += 1
        }
        return true
    }

    /// `[userinfo@]host[:port]` in `bytes[start..<end]`.
    private static func isAuthority(_ bytes: Bytes, _ start: Int, _ end: Int) -> Bool {
        var hostStart = start
        var at = end
        while at > start {
            at -= 1
            if bytes[at] == UInt8(ascii: "@") {
                guard isEncoded(bytes, start, at, userinfoCharacters) else { return false }
                hostStart = at + 1
                break
            }
        }
        var hostEnd = end
        if hostStart < end, bytes[hostStart] == UInt8(ascii: "[") {
            var close = hostStart + 1
            while close < end, bytes[close] != UInt8(ascii: "]") { close += 1 }
            guard close < end else { return false }
            let literal = bytes[(hostStart + 1)..<close]
            if let first = literal.first, first | 0x20 == UInt8(ascii: "v") {
                guard literal.count > 1 else { return false }
            } else if !isIPv6(literal) {
                return false
            }
            hostEnd = close + 1
            guard hostEnd == end || bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        } else {
            var colon = hostStart
            while colon < end, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
            hostEnd = colon
            guard isEncoded(bytes, hostStart, hostEnd, hostCharacters) else { return false }
        }
        if hostEnd < end {
            for position in (hostEnd + 1)..<end where !isDigit(bytes[position]) { return false }
        }
        return true
    }
}
