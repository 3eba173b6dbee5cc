extension FormatChecker {
    /// ASCII character classes of RFC 3986 as 128-bit masks (low and high 64 bits), so each byte costs a shift.
    private typealias Mask = (low: UInt64, high: UInt64)
    /// pchar and `/`.
    private static let pathCharacters: Mask = (0x2FFF_FFD2_0000_0000, 0x47FF_FFFE_87FF_FFFF)
    /// pchar, `/` and `?`.
    private static let queryCharacters: Mask = (0xAFFF_FFD2_0000_0000, 0x47FF_FFFE_87FF_FFFF)
    /// unreserved, sub-delims and `:`.
    private static let userinfoCharacters: Mask = (0x2FFF_7FD2_0000_0000, 0x47FF_FFFE_87FF_FFFE)
    /// unreserved and sub-delims.
    private static let hostCharacters: Mask = (0x2BFF_7FD2_0000_0000, 0x47FF_FFFE_87FF_FFFE)
    /// ALPHA, DIGIT, `+`, `-`, `.`.
    private static let schemeCharacters: Mask = (0x03FF_6800_0000_0000, 0x07FF_FFFE_07FF_FFFE)

    @inline(__always)
    private static func isIn(_ byte: UInt8, _ mask: Mask) -> Bool {
        if byte < 64 { return (mask.low >> UInt64(byte)) & 1 == 1 }
        if byte < 128 { return (mask.high >> UInt64(byte - 64)) & 1 == 1 }
        return false
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
            while end < count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"),
                bytes[end] != UInt8(ascii: "#")
            {
                end += 1
            }
            guard isAuthority(bytes, start, end) else { return false }
            index = end
        }
        var end = index
        while end < count, bytes[end] != UInt8(ascii: "?"), bytes[end] != UInt8(ascii: "#") { end += 1 }
        guard isEncoded(bytes, index, end, pathCharacters) else { return false }
        guard end < count else { return true }
        if bytes[end] == UInt8(ascii: "?") {
            let start = end + 1
            end = start
            while end < count, bytes[end] != UInt8(ascii: "#") { end += 1 }
            guard isEncoded(bytes, start, end, queryCharacters) else { return false }
            guard end < count else { return true }
        }
        return isEncoded(bytes, end + 1, count, queryCharacters)
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
