extension FormatChecker {
    typealias ByteSlice = Swift.Slice<UnsafeBufferPointer<UInt8>>

    /// Dotted-quad IPv4: four decimal octets up to 255, no leading zeros.
    static func isIPv4(_ bytes: ByteSlice) -> Bool {
        var octets = 0
        var index = bytes.startIndex
        while true {
            let start = index
            var value = 0
            while index < bytes.endIndex, isDigit(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                guard index - start <= 3 else { return false }
            }
            let length = index - start
            guard length > 0, value <= 255, !(length > 1 && bytes[start] == UInt8(ascii: "0")) else { return false }
            octets += 1
            if index == bytes.endIndex { return octets == 4 }
            guard bytes[index] == UInt8(ascii: "."), octets < 4 else { return false }
            index += 1
        }
    }

    /// RFC 4291 text forms: eight groups, one `::`, an embedded IPv4 tail; no zone, no brackets.
    static func isIPv6(_ bytes: ByteSlice) -> Bool {
        guard bytes.count >= 2 else { return false }
        var groups = 0
        var compressed = false
        var index = bytes.startIndex
        if bytes[index] == UInt8(ascii: ":") {
            guard bytes[index + 1] == UInt8(ascii: ":") else { return false }
            compressed = true
            index += 2
            if index == bytes.endIndex { return true }
        }
        while index < bytes.endIndex {
            let start = index
            while index < bytes.endIndex, isHex(bytes[index]) { index += 1 }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
                // An IPv4 tail counts as two groups and ends the address.
                guard isIPv4(bytes[start...]) else { return false }
                groups += 2
                break
            }
            let length = index - start
            guard length >= 1, length <= 4 else { return false }
            groups += 1
            if index == bytes.endIndex { break }
            guard bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                index += 1
                if index == bytes.endIndex { break }
            } else if index == bytes.endIndex {
                return false
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }

    /// RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens, 63 bytes each, 253 in all.
    static func isHostname(_ bytes: ByteSlice) -> Bool {
        let end = bytes.endIndex
        guard end > bytes.startIndex, end - bytes.startIndex <= 253 else { return false }
        var labelStart = bytes.startIndex
        var index = bytes.startIndex
        while index <= end {
            if index == end || bytes[index] == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length >= 1, length <= 63, bytes[labelStart] != UInt8(ascii: "-"),
                    bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labelStart = index + 1
            } else {
                let byte = bytes[index]
                guard isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "-") else { return false }
            }
            index += 1
        }
        return true
    }

    /// An RFC 5321 mailbox: a dot-atom or quoted local part, then a host name or an address literal.
    static func isEmail(_ bytes: Bytes) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[0..<at]
        let domain = bytes[(at + 1)...]
        if local.first == UInt8(ascii: "\"") {
            guard local.count >= 2, local.last == UInt8(ascii: "\"") else { return false }
            var index = local.startIndex + 1
            while index < local.endIndex - 1 {
                let byte = local[index]
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    guard index <= local.endIndex - 1 else { return false }
                    continue
                }
                guard byte >= 0x20, byte != UInt8(ascii: "\""), byte < 0x7F else { return false }
                index += 1
            }
        } else {
            var previousDot = true
            for byte in local {
                if byte == UInt8(ascii: ".") {
                    guard !previousDot else { return false }
                    previousDot = true
                    continue
                }
                previousDot = false
                guard isAlpha(byte) || isDigit(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte) else { return false }
            }
            guard !previousDot else { return false }
        }
        if domain.first == UInt8(ascii: "[") {
            guard domain.last == UInt8(ascii: "]") else { return false }
            let literal = domain[(domain.startIndex + 1)..<(domain.endIndex - 1)]
            let prefix = Array("IPv6:".utf8)
            if literal.count > 5, Array(literal.prefix(5)) == prefix {
                return isIPv6(literal.dropFirst(5))
            }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }
}
