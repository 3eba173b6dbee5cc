import GatehouseJSON
import GatehouseSpec

/// Writes an example value as the bytes of a body of a given media type, the inverse of what the validator's body
/// decoder reads, so that what is served decodes back to the value that was checked.
///
/// JSON and `+json` types are written compactly; `text/*`, XML and binary types take a string value as their text
/// (binary bytes one per character, as the decoder reads them); `application/x-www-form-urlencoded` takes a flat
/// object. Anything else (an object as XML, multipart) cannot be written and gives nil with the reason.
enum MockBodyEncoder {
    enum Failure: Error, Hashable {
        case unsupported(String)
    }

    static func encode(_ value: JSONValue, as mediaType: MediaTypeName) -> Result<[UInt8], Failure> {
        if mediaType.isJSON { return .success(JSONWriter.bytes(value)) }
        let isXML = mediaType.subtype == "xml" || mediaType.suffix == "xml"
        switch mediaType.essence {
        case "application/x-www-form-urlencoded":
            guard case .object(let object) = value, let form = formEncoded(object) else {
                return .failure(.unsupported("only a flat object can be written as '\(mediaType.essence)'"))
            }
            return .success(Array(form.utf8))
        case "multipart/form-data", "multipart/mixed":
            return .failure(.unsupported("multipart bodies are not written by the mock engine"))
        default:
            guard case .string(let text) = value else {
                let kind = isXML ? "XML" : "'\(mediaType.essence)'"
                return .failure(.unsupported("a JSON \(value.typeName) cannot be written as \(kind)"))
            }
            if mediaType.type == "text" || isXML { return .success(Array(text.utf8)) }
            // Binary bodies are read back one character per byte (ISO-8859-1); base64 text is ASCII, so both agree.
            var bytes: [UInt8] = []
            for scalar in text.unicodeScalars {
                guard scalar.value <= 0xFF else {
                    return .failure(.unsupported("a string with characters above U+00FF cannot be written as bytes"))
                }
                bytes.append(UInt8(scalar.value))
            }
            return .success(bytes)
        }
    }

    /// `name=value&…`, arrays as repeated names (form style, exploded); nil for nested objects.
    private static func formEncoded(_ object: JSONObject) -> String? {
        var pairs: [String] = []
        for member in object {
            let values: [JSONValue]
            if case .array(let items) = member.value { values = items } else { values = [member.value] }
            for item in values {
                guard let text = MockHeaderSerializer.scalarText(item) else { return nil }
                pairs.append(percentEncoded(member.key) + "=" + percentEncoded(text))
            }
        }
        return pairs.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters kept, everything else percent-encoded as UTF-8.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let isUnreserved =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~")
            if isUnreserved {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }
}
