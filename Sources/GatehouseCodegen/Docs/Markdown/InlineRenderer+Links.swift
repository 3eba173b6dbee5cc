extension InlineRenderer {
    /// `<https://…>` or `<someone@example.com>`; nil when the angle brackets hold anything else (raw HTML, or
    /// text).
    func autolink(_ characters: [Character], at index: Int) -> (html: String, end: Int)? {
        let limit = min(characters.count, index + 2_048)
        var end = index + 1
        while end < limit, characters[end] != ">" {
            if characters[end] == "<" || characters[end].isWhitespace { return nil }
            end += 1
        }
        guard end < limit, end > index + 1 else { return nil }
        let content = String(characters[(index + 1)..<end])
        let target: String
        if Self.hasScheme(content) {
            target = content
        } else if content.contains("@"), !content.contains(":"), !content.hasPrefix("@"), !content.hasSuffix("@") {
            target = "mailto:" + content
        } else {
            return nil
        }
        guard let safe = HTMLEscaping.safeLinkTarget(target) else {
            return (HTMLEscaping.escape("<" + content + ">"), end + 1)
        }
        return (Self.anchor(href: safe, title: nil, text: HTMLEscaping.escape(content)), end + 1)
    }

    /// An inline link `[text](destination "title")` (or image, `![alt](source)`, shown as a link so that the page
    /// loads nothing) starting at the `[` at `index`.
    ///
    /// With `textOnly` (inside a raw `<a>`), a link is written as its text.
    func link(
        _ characters: [Character], at index: Int, image: Bool, lastCloser: Int, textOnly: Bool = false
    ) -> (html: String, end: Int)? {
        // No `](` after this bracket: no link can start here (and a text of many brackets stays linear).
        guard index < lastCloser else { return nil }
        // The matching ']' (brackets nest; escaped ones do not count).
        var close = index + 1
        var nesting = 0
        let limit = min(characters.count, index + Self.bracketSearchLimit)
        while close < limit {
            let character = characters[close]
            if character == "\\" {
                close += 2
                continue
            }
            if character == "[" { nesting += 1 }
            if character == "]" {
                if nesting == 0 { break }
                nesting -= 1
            }
            close += 1
        }
        guard close < limit, close + 1 < characters.count, characters[close + 1] == "(" else { return nil }
        var position = close + 2
        func skipSpaces() {
            while position < characters.count, characters[position] == " " || characters[position] == "\n" {
                position += 1
            }
        }
        skipSpaces()
        var destination = ""
        if position < characters.count, characters[position] == "<" {
            position += 1
            while position < characters.count, characters[position] != ">" {
                if characters[position] == "\n" || characters[position] == "<" { return nil }
                destination.append(characters[position])
                position += 1
            }
            guard position < characters.count else { return nil }
            position += 1
        } else {
            var parentheses = 0
            while position < characters.count {
                let character = characters[position]
                if character == " " || character == "\n" { break }
                if character == "\\", position + 1 < characters.count, characters[position + 1].isPunctuation {
                    destination.append(characters[position + 1])
                    position += 2
                    continue
                }
                if character == "(" { parentheses += 1 }
                if character == ")" {
                    if parentheses == 0 { break }
                    parentheses -= 1
                }
                destination.append(character)
                position += 1
            }
        }
        skipSpaces()
        var title: String?
        if position < characters.count, let opening = characters[position] as Character?,
            opening == "\"" || opening == "'" || opening == "("
        {
            let closing: Character = opening == "(" ? ")" : opening
            var text = ""
            position += 1
            while position < characters.count, characters[position] != closing {
                text.append(characters[position])
                position += 1
            }
            guard position < characters.count else { return nil }
            position += 1
            title = text
            skipSpaces()
        }
        guard position < characters.count, characters[position] == ")" else { return nil }

        let label = String(characters[(index + 1)..<close])
        var text =
            depth < Self.maximumDepth
            ? InlineRenderer(allowLinks: false, depth: depth + 1).render(label) : HTMLEscaping.escape(label)
        if image && text.isEmpty { text = "image" }
        guard !textOnly, let safe = HTMLEscaping.safeLinkTarget(destination) else {
            return (text, position + 1)  // An unsafe target keeps its text and loses the link.
        }
        return (Self.anchor(href: safe, title: title, text: text), position + 1)
    }

    /// A bare `http://` or `https://` URL in text (GitHub's extended autolinks), without trailing punctuation.
    func bareURL(_ characters: [Character], at index: Int) -> (html: String, end: Int)? {
        if index > 0 {
            let before = characters[index - 1]
            guard before.isWhitespace || before == "(" || before == "*" || before == "_" else { return nil }
        }
        let prefix = String(characters[index..<min(characters.count, index + 8)])
        guard prefix.hasPrefix("http://") || prefix.hasPrefix("https://") else { return nil }
        var end = index
        while end < characters.count, !characters[end].isWhitespace, characters[end] != "<",
            end - index < 2_048
        {
            end += 1
        }
        while end > index, let last = Optional(characters[end - 1]),
            ".,:;!?\"'*_".contains(last)
                || (last == ")"
                    && characters[index..<end].filter({ $0 == ")" }).count
                        > characters[index..<end].filter({ $0 == "(" }).count)
        {
            end -= 1
        }
        let url = String(characters[index..<end])
        guard url.count > prefix.prefix(while: { $0 != "/" }).count + 2,
            let safe = HTMLEscaping.safeLinkTarget(url)
        else { return nil }
        return (Self.anchor(href: safe, title: nil, text: HTMLEscaping.escape(url)), end)
    }

    static func anchor(href: String, title: String?, text: String) -> String {
        var html = "<a href=\"" + HTMLEscaping.escape(href) + "\""
        if let title { html += " title=\"" + HTMLEscaping.escape(title) + "\"" }
        return html + " rel=\"noopener noreferrer\">" + text + "</a>"
    }

    /// `scheme:` as CommonMark's autolinks define it: a letter, then 1 to 31 letters, digits, `+`, `-` or `.`.
    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard (2...32).contains(scheme.count), let first = scheme.first, first.isASCII, first.isLetter else {
            return false
        }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}

/// Where the backtick runs of a text are, so that finding a code span's closing run never rescans the text.
struct BacktickRuns {
    /// Start offsets of the runs of each length, ascending.
    private var starts: [Int: [Int]] = [:]

    init(_ characters: [Character]) {
        var index = 0
        while index < characters.count {
            if characters[index] == "`" {
                let run = characters[index...].prefix { $0 == "`" }.count
                starts[run, default: []].append(index)
                index += run
            } else {
                index += 1
            }
        }
    }

    func cursor() -> Cursor { Cursor(starts: starts) }

    /// Moves forward only, as the renderer does.
    struct Cursor {
        var starts: [Int: [Int]]
        var positions: [Int: Int] = [:]

        /// The start of the first run of exactly `length` backticks after `offset`.
        mutating func closing(length: Int, after offset: Int) -> Int? {
            guard let list = starts[length] else { return nil }
            var position = positions[length] ?? 0
            while position < list.count, list[position] <= offset { position += 1 }
            positions[length] = position
            return position < list.count ? list[position] : nil
        }
    }
}
