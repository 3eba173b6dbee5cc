/// Splits a `multipart/form-data` body (RFC 7578, framed as RFC 2046 says) into its parts.
///
/// It works on bytes and never trusts the body: a missing or wrong boundary, a part without headers, or a body that
/// ends before the closing delimiter is a `Failure` with a message, and the number of parts is bounded.
struct MultipartParser: Sendable {
    /// One part: its header fields and the bytes of its content.
    struct Part: Sendable, Hashable {
        struct Field: Sendable, Hashable {
            var name: String
            var value: String
        }

        var headers: [Field]
        var body: ArraySlice<UInt8>
        /// The `name` of its `Content-Disposition: form-data`.
        var name: String
        /// The `filename` of its `Content-Disposition`, for file uploads.
        var filename: String?

        func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.first { $0.name.lowercased() == lowered }?.value
        }
    }

    /// Why the body is not well-formed multipart, as one sentence.
    struct Failure: Error, Sendable, Hashable {
        var message: String
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    let boundary: [UInt8]
    let maxParts: Int

    /// A parser for `boundary`; nil when the boundary is not 1 to 70 characters (RFC 2046 section 5.1.1).
    init?(boundary: String, maxParts: Int) {
        guard (1...70).contains(boundary.utf8.count) else { return nil }
        self.boundary = Array(boundary.utf8)
        self.maxParts = maxParts
    }

    func parse(_ bytes: [UInt8]) -> Result<[Part], Failure> {
        let delimiter = Array("--".utf8) + boundary
        let shown = String(decoding: delimiter, as: UTF8.self)
        // The first delimiter may follow a preamble, and then starts a line.
        guard var position = firstDelimiter(delimiter, in: bytes) else {
            let firstLine = bytes.prefix { $0 != 0x0D && $0 != 0x0A }.prefix(80)
            let found = firstLine.isEmpty ? "an empty first line" : "'\(String(decoding: firstLine, as: UTF8.self))'"
            return .failure(Failure(message: "expected the boundary delimiter '\(shown)', found \(found)"))
        }
        let lineDelimiter = Self.crlf + delimiter
        var parts: [Part] = []
        while true {
            position += delimiter.count
            if bytes[position...].starts(with: Array("--".utf8)) { return .success(parts) }
            // Transport padding, then the line break that ends the delimiter line.
            while position < bytes.count && (bytes[position] == 0x20 || bytes[position] == 0x09) { position += 1 }
            guard bytes[position...].starts(with: Self.crlf) else {
                if position >= bytes.count {
                    return .failure(
                        Failure(message: "expected the closing delimiter '\(shown)--', found the end of the body"))
                }
                return .failure(
                    Failure(
                        message:
                            "expected a line break after the boundary delimiter, found \(describe(bytes[position]))"
                    ))
            }
            position += 2
            let number = parts.count + 1
            guard number <= maxParts else {
                return .failure(Failure(message: "expected at most \(maxParts) parts, found more"))
            }
            let headerEnd: (start: Int, end: Int)
            if bytes[position...].starts(with: Self.crlf) {
                headerEnd = (position, position + 2)
            } else if let found = find(Self.crlf + Self.crlf, in: bytes, from: position) {
                headerEnd = found
            } else {
                return .failure(
                    Failure(
                        message:
                            "expected the headers of part \(number) to end with an empty line, found the end of the body"
                    ))
            }
            guard let end = find(lineDelimiter, in: bytes, from: headerEnd.end) else {
                return .failure(
                    Failure(
                        message:
                            "expected the boundary delimiter '\(shown)' after part \(number), found the end of the body"
                    ))
            }
            switch makePart(
                headerBytes: bytes[position..<headerEnd.start], body: bytes[headerEnd.end..<end.start], number: number)
            {
            case .success(let part): parts.append(part)
            case .failure(let failure): return .failure(failure)
            }
            position = end.start + 2
        }
    }

    private func firstDelimiter(_ delimiter: [UInt8], in bytes: [UInt8]) -> Int? {
        if bytes.starts(with: delimiter) { return 0 }
        return find(Self.crlf + delimiter, in: bytes, from: 0).map { $0.start + 2 }
    }

    /// Where `needle` starts and where what follows it starts.
    private func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> (start: Int, end: Int)? {
        guard start <= bytes.count, needle.count <= bytes.count - start, let first = needle.first else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) {
                return (index, index + needle.count)
            }
            index += 1
        }
        return nil
    }

    private func makePart(headerBytes: ArraySlice<UInt8>, body: ArraySlice<UInt8>, number: Int) -> Result<
        Part, Failure
    > {
        // Header fields are ASCII; ISO-8859-1 keeps any other byte readable instead of failing on it.
        let text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        var fields: [Part.Field] = []
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(Failure(message: "expected a 'name: value' header in part \(number), found '\(line)'"))
            }
            let value = line[line.index(after: colon)...].trimmingSpaces()
            fields.append(Part.Field(name: String(line[..<colon]), value: String(value)))
        }
        let disposition = fields.first { $0.name.lowercased() == "content-disposition" }?.value
        let parameters = disposition.map(Self.dispositionParameters) ?? [:]
        guard let name = parameters["name"] else {
            let found = disposition.map { "'\($0)'" } ?? "none"
            return .failure(
                Failure(message: "expected a Content-Disposition header with a name in part \(number), found \(found)"))
        }
        return .success(Part(headers: fields, body: body, name: name, filename: parameters["filename"]))
    }

    /// The parameters of `form-data; name="a"; filename="b.txt"`, names lowercased, quotes and escapes removed.
    static func dispositionParameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let semicolon = value.firstIndex(of: ";") else { return result }
        var rest = value[value.index(after: semicolon)...]
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingSpaces().lowercased()
            rest = rest[rest.index(after: equals)...].trimmingSpaces()
            var parameterValue = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped {
                        parameterValue.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        break
                    } else {
                        parameterValue.append(character)
                    }
                }
                rest = rest.drop { $0 != ";" }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                parameterValue = String(rest[..<end].trimmingSpaces())
                rest = rest[end...]
            }
            if result[name] == nil { result[name] = parameterValue }
            rest = rest.drop { $0 == ";" }
        }
        return result
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
