import Testing

@testable import GatehouseValidation

/// Binary parts and bodies become JSON strings byte for byte (ISO 8859-1), whatever the bytes.
struct BodyDecoderLatin1Tests {
    @Test func everyByteIsTheCharacterOfItsCodePoint() {
        let bytes = ArraySlice((0...255).map { UInt8($0) } + [0x00, 0xFF, 0x41])
        let text = BodyDecoder.latin1(bytes)
        #expect(text.unicodeScalars.map(\.value) == bytes.map { UInt32($0) })
        #expect(BodyDecoder.latin1([]) == "")
    }
}
