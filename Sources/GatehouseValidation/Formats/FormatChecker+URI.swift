extension FormatChecker {
    /// RFC 3986 `URI` (with a scheme) or `URI-reference`; ASCII only, percent-escapes checked.
    static func isURI(_ bytes: Bytes, requireScheme: Bool) -> Bool {
        var index = 0
        let firstDelimiter = bytes.firstIndex {
            $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
        }
        if let colon = firstDelimiter, bytes[colon] == UInt8(ascii: ":") {
            guard colon > 0, isAlpha(bytes[0]) else { return false }
            for byte in bytes[1..<colon] {
                guard
                    isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                        || byte == UInt8(ascii: ".")
                else { return false }
            }
            index = colon + 1
        } else if requireScheme {
            return false
        }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            index += 2
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: "?"),
                bytes[index] != UInt8(ascii: "#")
            {
                index += 1
            }
            guard isAuthority(bytes[start..<index]) else { return false }
        }
        var section = 0  // 0 path, 1 query, 2 fragment
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            if byte == UInt8(ascii: "?") && section == 0 {
                section = 1
            } else if byte == UInt8(ascii: "#") && section < 2 {
                section = 2
            } else {
                guard isPathCharacter(byte) || (section > 0 && byte == UInt8(ascii: "?")) else { return false }
            }
            index += 1
        }
        return true
    }

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
    }

    @inline(__always)
    static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// pchar and `/`.
    @inline(__always)
    static func isPathCharacter(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelimiter(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "/")
    }

    /// `[userinfo@]host[:port]`.
    static func isAuthority(_ bytes: ByteSlice) -> Bool {
        var hostStart = bytes.startIndex
        if let at = bytes.lastIndex(of: UInt8(ascii: "@")) {
            guard isEncoded(bytes[bytes.startIndex..<at], extra: UInt8(ascii: ":")) else { return false }
            hostStart = at + 1
        }
        var hostEnd = bytes.endIndex
        if hostStart < bytes.endIndex, bytes[hostStart] == UInt8(ascii: "[") {
            guard let close = bytes[hostStart...].firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = bytes[(hostStart + 1)..<close]
            if literal.first | 0x20 == UInt8(ascii: "v") {
                guard literal.count > 1 else { return false }
            } else if !isIPv6(literal) {
                return false
            }
            hostEnd = close + 1
            guard hostEnd == bytes.endIndex || bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        } else if let colon = bytes[hostStart...].firstIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        if hostEnd < bytes.endIndex {
            for byte in bytes[(hostEnd + 1)...] where !isDigit(byte) { return false }
        }
        if hostStart < bytes.endIndex, bytes[hostStart] == UInt8(ascii: "[") { return true }
        return isEncoded(bytes[hostStart..<hostEnd], extra: nil)
    }

    /// unreserved / pct-encoded / sub-delims, plus `extra`.
    private static func isEncoded(_ bytes: ByteSlice, extra: UInt8?) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else {
                    return false
                }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelimiter(byte) || byte == extra else { return false }
            index += 1
        }
        return true
    }
}

extension Optional where Wrapped == UInt8 {
    fileprivate static func | (lhs: UInt8?, rhs: UInt8) -> UInt8? { lhs.map { $0 | rhs } }
}
