/// Bytes written as lowercase hex digits: key hashes (`APIKey.hash(ofSecret:)`) and made-up ids (`TimeOrderedID`).
enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Appends the two digits of `byte` to `text`.
    static func append(_ byte: UInt8, to text: inout [UInt8]) {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
}
