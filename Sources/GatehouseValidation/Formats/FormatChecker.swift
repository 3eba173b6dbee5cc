/// Hand-written checkers for the asserted formats, over UTF-8 bytes: no regular expressions, no allocation.
enum FormatChecker {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    @inline(__always)
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Reads `count` decimal digits at `index`; nil when any is not a digit.
    @inline(__always)
    static func number(_ bytes: Bytes, _ index: Int, _ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// 8-4-4-4-12 hexadecimal digits.
    static func isUUID(_ bytes: Bytes) -> Bool {
        guard bytes.count == 36 else { return false }
        for index in 0..<36 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard bytes[index] == UInt8(ascii: "-") else { return false }
            } else {
                guard isHex(bytes[index]) else { return false }
            }
        }
        return true
    }

    /// RFC 4648 base64 with padding (OpenAPI's `byte`).
    static func isBase64(_ bytes: Bytes) -> Bool {
        guard bytes.count % 4 == 0 else { return false }
        var padding = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "=") {
                padding += 1
                guard index >= bytes.count - 2 else { return false }
                continue
            }
            guard padding == 0 else { return false }
            guard isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") else {
                return false
            }
        }
        return true
    }
}
