/// Turns names from the contract (schema names, property names, enum values, operation ids) into Swift identifiers.
///
/// Every function is total: any input, including the empty string, digits or punctuation, gives a valid
/// identifier, so the generated code always compiles.
enum SwiftName {
    /// Keywords that need backticks to be used as identifiers.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "as", "false", "is", "nil", "super", "throws", "true", "try", "any", "some", "await", "async",
        "consume", "copy", "borrowing", "consuming", "discard", "each", "package", "_", "Any",
    ]

    /// Names that cannot be used as member names even with backticks, or that change meaning as members
    /// (`x.self`, `X.Type`); they get a trailing underscore.
    static let unusableMembers: Set<String> = ["self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "_"]

    /// The words of a name: split on anything that is not a letter or digit, and at lower-to-upper case changes.
    static func words(_ name: String) -> [String] {
        // ASCII scalars only: names become identifiers, and scalar iteration avoids grapheme breaking.
        func isLower(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }
        func isUpper(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in name.unicodeScalars {
            guard isLower(scalar) || isUpper(scalar) || isDigit(scalar) else {
                if !current.isEmpty { words.append(String(current)) }
                current = String.UnicodeScalarView()
                previous = nil
                continue
            }
            if let previous, isUpper(scalar), isLower(previous) || isDigit(previous) {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
            current.append(scalar)
            previous = scalar
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// `pet_store` → `PetStore`, `a-b` → `AB`, `1` → `_1`, `` → `_Empty`.
    static func upperCamel(_ name: String) -> String {
        let parts = words(name)
        guard !parts.isEmpty else { return name.isEmpty ? "Empty" : "_" + hexName(name) }
        var result = parts.map { capitalized($0) }.joined()
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// `pet_store` → `petStore`, `X-Request-Id` → `xRequestId`, `URLPath` → `urlPath`.
    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard !parts.isEmpty else { return name.isEmpty ? "empty" : "_" + hexName(name) }
        var result = lowercasedLeading(parts[0]) + parts.dropFirst().map { capitalized($0) }.joined()
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// A name made only of punctuation (`+`, `-`) gets one from its characters' code points.
    static func hexName(_ name: String) -> String {
        name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "_")
    }

    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        // A word written all in capitals (`ID`, `URL`) keeps them; others get a capital first letter only.
        if word.allSatisfy({ $0.isUppercase || $0.isNumber }) && word.count > 1 {
            return String(first) + word.dropFirst().lowercased()
        }
        return first.uppercased() + word.dropFirst()
    }

    /// `URL` → `url`, `URLPath` → `urlPath`, `Pet` → `pet`.
    static func lowercasedLeading(_ word: String) -> String {
        if word.allSatisfy({ $0.isUppercase || $0.isNumber }) { return word.lowercased() }
        guard let first = word.first else { return word }
        return first.lowercased() + word.dropFirst()
    }

    /// An identifier as written in source: keywords in backticks.
    static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// A member name (property, case, method) that is safe to declare and to access with a dot.
    static func member(_ name: String) -> String {
        let camel = lowerCamel(name)
        return unusableMembers.contains(camel) ? camel + "_" : camel
    }

    /// A string literal for `text`, escaped for Swift source.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
