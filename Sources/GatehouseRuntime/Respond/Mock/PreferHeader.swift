/// A `Prefer` header parsed into its preferences (RFC 7240): `code=404, example="not found"; x=1, dynamic`.
///
/// Names are case-insensitive and kept lowercased; values may be tokens or quoted strings (with `\` escapes).
/// A preference named twice counts once, the first time (RFC 7240 section 2). Elements that do not parse are skipped,
/// since a server must ignore preferences it does not understand rather than fail the request.
///
/// ```swift
/// let prefer = PreferHeader(#"code=404, example="no such pet""#)
/// prefer["code"]?.value     // "404"
/// prefer["example"]?.value  // "no such pet"
/// ```
package struct PreferHeader: Sendable, Hashable {
    /// One preference with its optional value and parameters.
    package struct Preference: Sendable, Hashable, CustomStringConvertible {
        /// Lowercased.
        package var name: String
        /// The value without quotes; nil when none was given (`respond-async`).
        package var value: String?
        /// Parameters after `;`, names lowercased.
        package var parameters: [Parameter]

        package init(name: String, value: String? = nil, parameters: [Parameter] = []) {
            self.name = name
            self.value = value
            self.parameters = parameters
        }

        /// The preference as it would be written back (`Preference-Applied`), quoting the value when needed.
        package var description: String {
            guard let value else { return name }
            return "\(name)=\(PreferHeader.word(value))"
        }
    }

    /// A parameter of a preference.
    package struct Parameter: Sendable, Hashable {
        package var name: String
        package var value: String?

        package init(name: String, value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    /// The preferences in the order written, each name once.
    package var preferences: [Preference]

    /// Parses the value of a `Prefer` header (several headers joined with commas, as HTTP combines them).
    package init(_ text: String) {
        preferences = []
        var scanner = Scanner(Array(text.utf8))
        while !scanner.isAtEnd {
            if let preference = scanner.preference(),
                !preferences.contains(where: { $0.name == preference.name })
            {
                preferences.append(preference)
            }
            scanner.skipPastComma()
        }
    }

    /// The preference named `name` (case-insensitive).
    package subscript(name: String) -> Preference? {
        let lowered = name.lowercased()
        return preferences.first { $0.name == lowered }
    }

    /// A value as a token when it is one, else as a quoted string.
    static func word(_ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy(Scanner.isTokenByte) { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// A cursor over the header's bytes; every method stops at the end of input and never reads past it.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { position >= bytes.count }
        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        /// RFC 9110 `tchar`.
        static func isTokenByte(_ byte: UInt8) -> Bool {
            guard byte > 0x20 && byte < 0x7F else { return false }
            return !"()<>@,;:\\\"/[]?={}".utf8.contains(byte)
        }

        mutating func skipWhitespace() {
            while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
        }

        /// Moves past the next comma outside a quoted string, so a malformed element does not swallow the next one.
        mutating func skipPastComma() {
            while let byte = current {
                position += 1
                if byte == UInt8(ascii: ",") { return }
                if byte == UInt8(ascii: "\"") { _ = quotedRest() }
            }
        }

        mutating func token() -> String? {
            let start = position
            while let byte = current, Self.isTokenByte(byte) { position += 1 }
            guard position > start else { return nil }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// The rest of a quoted string after its opening quote; nil when it is not closed.
        mutating func quotedRest() -> String? {
            var value: [UInt8] = []
            while let byte = current {
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: value, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { return nil }
                    value.append(escaped)
                    position += 1
                default:
                    value.append(byte)
                }
            }
            return nil
        }

        /// `token [ BWS "=" BWS word ]`; the outer optional is nil when the element is malformed.
        mutating func pair() -> (name: String, value: String?)? {
            skipWhitespace()
            guard let name = token() else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: "=") else { return (name.lowercased(), nil) }
            position += 1
            skipWhitespace()
            if current == UInt8(ascii: "\"") {
                position += 1
                guard let value = quotedRest() else { return nil }
                return (name.lowercased(), value)
            }
            // `name=` with nothing after it is read as an empty value, as RFC 7240 section 2 allows.
            return (name.lowercased(), token() ?? "")
        }

        /// One element: a preference and its `;` parameters, ending before a comma or at the end.
        mutating func preference() -> Preference? {
            guard let head = pair() else { return nil }
            var preference = Preference(name: head.name, value: head.value)
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: ";") else { break }
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: ";") || current == UInt8(ascii: ",") || isAtEnd { continue }
                guard let parameter = pair() else { return nil }
                preference.parameters.append(Parameter(name: parameter.name, value: parameter.value))
            }
            skipWhitespace()
            guard isAtEnd || current == UInt8(ascii: ",") else { return nil }
            return preference
        }
    }
}
