import GatehouseJSON
import GatehouseSpec

extension BodyDecoder {
    /// JSON must be UTF-8 (RFC 8259 section 8.1); duplicate keys and nesting past the limit are refused.
    func decodeJSON(_ body: [UInt8], mediaType: MediaTypeName, at suffix: String = "") -> Decoded {
        if let charset = mediaType.parameters.first(where: { $0.name == "charset" })?.value.lowercased(),
            charset != "utf-8", charset != "utf8"
        {
            return Decoded(issues: [
                issue("encoding", "expected JSON encoded as UTF-8, found charset '\(charset)'", at: suffix)
            ])
        }
        let options = JSONParser.Options(maxDepth: configuration.maxJSONDepth, rejectDuplicateKeys: true)
        do {
            return Decoded(value: try JSONParser.parse(body, options: options))
        } catch {
            return Decoded(
                issues: [
                    issue(
                        "json", "invalid JSON at line \(error.line), column \(error.column): \(error.message)",
                        at: suffix)
                ])
        }
    }

    /// Text in UTF-8 (the default), US-ASCII or ISO-8859-1; other charsets are reported rather than misread.
    func decodeText(_ body: ArraySlice<UInt8>, mediaType: MediaTypeName?, at suffix: String = "") -> Decoded {
        let charset = mediaType?.parameters.first { $0.name == "charset" }?.value.lowercased() ?? "utf-8"
        switch charset {
        case "utf-8", "utf8", "us-ascii", "ascii":
            guard let text = String(validating: body, as: UTF8.self) else {
                let valid = Self.validUTF8Prefix(body)
                return Decoded(
                    issues: [
                        issue(
                            "encoding", "expected UTF-8 text, found an invalid byte sequence at byte \(valid + 1)",
                            at: suffix)
                    ])
            }
            return Decoded(value: .string(text))
        case "iso-8859-1", "latin1":
            return Decoded(value: .string(Self.latin1(body)))
        default:
            return Decoded(
                issues: [
                    issue(
                        "encoding", "expected text in charset 'utf-8', 'us-ascii' or 'iso-8859-1', found '\(charset)'",
                        at: suffix)
                ])
        }
    }

    func decodeText(_ body: [UInt8], mediaType: MediaTypeName) -> Decoded {
        decodeText(body[...], mediaType: mediaType)
    }

    /// Bytes as a string the schema validator can check: base64 text as it is (OpenAPI 3.0 `format: byte`, 3.1
    /// `contentEncoding: base64`), raw bytes one character per byte (ISO-8859-1), so `maxLength` counts bytes and no
    /// byte sequence is invalid.
    func binaryValue(_ body: ArraySlice<UInt8>, shape: SchemaShape) -> JSONValue {
        let base64 = shape.format == "byte" || shape.contentEncoding?.lowercased() == "base64"
        if base64, let text = String(validating: body, as: UTF8.self) { return .string(text) }
        return .string(Self.latin1(body))
    }

    func binaryValue(_ body: [UInt8], shape: SchemaShape) -> JSONValue {
        binaryValue(body[...], shape: shape)
    }

    func decodeXML(_ body: [UInt8], shape: SchemaShape) -> Decoded {
        switch XMLBodyParser(maxDepth: configuration.maxXMLDepth).parse(body) {
        case .success(let root):
            return Decoded(value: root.value(for: shape))
        case .failure(let failure):
            return Decoded(issues: [issue("xml", failure.message)])
        }
    }

    /// Each byte as the character of the same code point (ISO 8859-1), written straight into UTF-8: a byte below
    /// 0x80 is itself, one above is two bytes. Appending scalars one by one took 40 % of a multipart upload
    /// (`bench/multipart`).
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 2)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
            } else {
                utf8.append(0xC0 | (byte >> 6))
                utf8.append(0x80 | (byte & 0x3F))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// How many leading bytes are valid UTF-8, to point at the first bad one.
    private static func validUTF8Prefix(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var count = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): count += scalar.count
            case .emptyInput, .error: return count
            }
        }
    }
}
