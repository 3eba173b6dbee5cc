/// Percent-decoding (RFC 3986) of URL parts into UTF-8 strings, with `+` as a space where forms use it.
enum PercentDecoding {
    /// Why a string could not be decoded, as the end of a message (`expected …, found …`).
    enum Failure: Error, Sendable, Hashable {
        case malformedEscape(String)
        case invalidUTF8(String)

        /// One sentence about `text`, without the location.
        var message: String {
            switch self {
            case .malformedEscape(let escape):
                return "expected '%' followed by two hex digits, found '\(escape)'"
            case .invalidUTF8(let text):
                return "expected percent-encoded UTF-8, found '\(text)' which decodes to invalid UTF-8"
            }
        }
    }

    static func decode(_ raw: Substring, plusAsSpace: Bool) -> Result<String, Failure> {
        // Fast path: nothing to decode.
        if !raw.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return .success(String(raw))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var index = raw.utf8.startIndex
        let utf8 = raw.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first < utf8.endIndex, utf8.index(after: first) < utf8.endIndex,
                    let high = hexValue(utf8[first]), let low = hexValue(utf8[utf8.index(after: first)])
                else {
                    let end = utf8.index(index, offsetBy: 3, limitedBy: utf8.endIndex) ?? utf8.endIndex
                    return .failure(.malformedEscape(String(decoding: utf8[index..<end], as: UTF8.self)))
                }
                bytes.append(high << 4 | low)
                index = utf8.index(index, offsetBy: 3)
            } else {
                bytes.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = utf8.index(after: index)
            }
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            return .failure(.invalidUTF8(String(raw)))
        }
        return .success(string)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
