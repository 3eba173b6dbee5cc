/// Renders the inline content of one block: code spans, emphasis, links, autolinks, escapes, line breaks and raw
/// inline HTML.
///
/// Every character of the source becomes escaped text, one of the few tags this type writes itself, or a raw tag
/// that `HTMLSanitizer` allows and writes again: no markup from the source reaches the page as written. Raw block
/// elements (`<div>`, `<p>`) have no place inside a paragraph and lose their tags here.
struct InlineRenderer {
    /// False inside a link's text: links do not nest.
    var allowLinks: Bool
    /// How many link texts this one is inside of.
    var depth: Int

    /// How far a link's `[` looks for its `]`: keeps unbalanced brackets from making the renderer quadratic.
    static let bracketSearchLimit = 4_096
    static let maximumDepth = 4

    /// A `*` or `_` run, until emphasis processing decides what it becomes.
    struct Delimiter {
        var character: Character
        /// Characters not yet used by a match.
        var count: Int
        var originalCount: Int
        var canOpen: Bool
        var canClose: Bool
        /// Elements (`em`, `strong`) opened after the remaining characters (this run opened them), outermost first.
        var openTags: [String] = []
        /// Elements closed before the remaining characters (this run closed them), innermost first.
        var closeTags: [String] = []
    }

    enum Token {
        case html(String)
        case delimiter(Delimiter)
        /// An allowed raw start tag, or the name of a raw closing tag: written by the sanitizer, which keeps them
        /// nested with the emphasis around them.
        case start(HTMLTag)
        case end(String)
    }

    func render(_ text: String) -> String {
        if Self.isPlain(text) { return HTMLEscaping.escape(text) }
        let characters = Array(text)
        var tokens: [Token] = []
        var pending = ""
        let backtickRuns = BacktickRuns(characters)
        var lastCloser = -1
        if characters.count > 1 {
            for position in stride(from: characters.count - 2, through: 0, by: -1)
            where characters[position] == "]" && characters[position + 1] == "(" {
                lastCloser = position
                break
            }
        }
        var cursor = backtickRuns.cursor()
        var tagMemo = HTMLTag.Memo()
        // Raw `<a>` elements open: links inside them are written as their text, since anchors cannot nest.
        var rawAnchors = 0

        func flush() {
            if !pending.isEmpty {
                tokens.append(.html(pending))
                pending = ""
            }
        }

        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if let next, next.isASCII, next.isPunctuation || next.isSymbol {
                    HTMLEscaping.escape(String(next), into: &pending)
                    index += 2
                } else if next == "\n" {
                    pending += "<br>\n"
                    index += 2
                } else {
                    pending += "\\"
                    index += 1
                }
            case "`":
                let run = characters[index...].prefix { $0 == "`" }.count
                if let close = cursor.closing(length: run, after: index + run - 1) {
                    var code = String(characters[(index + run)..<close]).replacingOccurrences(of: "\n", with: " ")
                    if code.count >= 2, code.first == " ", code.last == " ", code.contains(where: { $0 != " " }) {
                        code = String(code.dropFirst().dropLast())
                    }
                    pending += "<code>"
                    HTMLEscaping.escape(code, into: &pending)
                    pending += "</code>"
                    index = close + run
                } else {
                    pending += String(repeating: "`", count: run)
                    index += run
                }
            case "<":
                if allowLinks, let (html, end) = autolink(characters, at: index) {
                    pending += rawAnchors > 0 ? HTMLEscaping.escape(String(characters[(index + 1)..<(end - 1)])) : html
                    index = end
                } else if let tag = HTMLTag.parse(characters, at: index, memo: &tagMemo) {
                    switch tag.kind {
                    case .other:  // Comments, declarations and the like are not for readers.
                        index = tag.end
                    case .start, .end:
                        let role = HTMLSanitizer.role(of: tag.name)
                        let resume =
                            role == .removedWithContent && tag.kind == .start
                            ? HTMLTag.resumeAfterRemovedElement(
                                tag.name, in: characters, from: tag.end, memo: &tagMemo) : nil
                        if let resume {
                            index = resume
                        } else if role == nil || role == .removedWithContent && tag.kind == .start {
                            // Not an HTML element, or one never closed: a placeholder such as `<branch name>`.
                            HTMLEscaping.escape(String(characters[index..<tag.end]), into: &pending)
                            index = tag.end
                        } else {
                            flush()
                            if tag.name == "a" {
                                if tag.kind == .end {
                                    rawAnchors = max(0, rawAnchors - 1)
                                } else if tag.attribute("href").flatMap(HTMLEscaping.safeLinkTarget) != nil {
                                    rawAnchors += 1
                                }
                            }
                            tokens.append(tag.kind == .start ? .start(tag) : .end(tag.name))
                            index = tag.end
                        }
                    }
                } else {
                    pending += "&lt;"
                    index += 1
                }
            case "[", "!":
                let isImage = character == "!"
                if allowLinks, isImage ? (index + 1 < characters.count && characters[index + 1] == "[") : true,
                    let (html, end) = link(
                        characters, at: isImage ? index + 1 : index, image: isImage, lastCloser: lastCloser,
                        textOnly: rawAnchors > 0)
                {
                    pending += html
                    index = end
                } else {
                    HTMLEscaping.escape(String(character), into: &pending)
                    index += 1
                }
            case "*", "_":
                let run = characters[index...].prefix { $0 == character }.count
                flush()
                tokens.append(.delimiter(delimiter(characters, at: index, run: run)))
                index += run
            case "&":
                let reference = Self.characterReference(characters, at: index)
                pending += reference ?? "&amp;"
                index += reference.map { $0.count } ?? 1
            case "\n":
                var trailing = 0
                while pending.hasSuffix(" ") {
                    pending.removeLast()
                    trailing += 1
                }
                pending += trailing >= 2 ? "<br>\n" : "\n"
                index += 1
            case "h":
                if allowLinks, rawAnchors == 0, let (html, end) = bareURL(characters, at: index) {
                    pending += html
                    index = end
                } else {
                    pending += "h"
                    index += 1
                }
            default:
                HTMLEscaping.escape(String(character), into: &pending)
                index += 1
            }
        }
        flush()
        Self.processEmphasis(&tokens)
        var output = ""
        var html = HTMLSanitizer(inlineOnly: true, anchorsAllowed: allowLinks)
        for token in tokens {
            switch token {
            case .html(let text):
                output += text
            case .delimiter(let delimiter):
                for name in delimiter.closeTags { html.end(name, into: &output) }
                output += String(repeating: delimiter.character, count: delimiter.count)
                for name in delimiter.openTags {
                    html.start(HTMLTag(kind: .start, name: name, attributes: [], end: 0), into: &output)
                }
            case .start(let tag):
                html.start(tag, into: &output)
            case .end(let name):
                html.end(name, into: &output)
            }
        }
        html.finish(into: &output)
        return output
    }

    /// Whether `text` has nothing for the inline parser (no escapes, code, tags, links, emphasis, references, line
    /// breaks or URLs), so escaping it is all there is to do.
    static func isPlain(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: "["), UInt8(ascii: "!"),
                UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "&"), UInt8(ascii: "\n"):
                return false
            case UInt8(ascii: "t") where previous == UInt8(ascii: "h"):
                return false  // Possibly `http`; the full parser decides.
            default:
                previous = byte
            }
        }
        return true
    }

    /// Whether a delimiter run can open or close emphasis (CommonMark's left- and right-flanking rules).
    func delimiter(_ characters: [Character], at index: Int, run: Int) -> Delimiter {
        let before: Character = index > 0 ? characters[index - 1] : " "
        let after: Character = index + run < characters.count ? characters[index + run] : " "
        let beforeSpace = before.isWhitespace
        let afterSpace = after.isWhitespace
        let beforePunctuation = before.isPunctuation || before.isSymbol
        let afterPunctuation = after.isPunctuation || after.isSymbol
        let left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
        let right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
        let character = characters[index]
        if character == "_" {
            return Delimiter(
                character: character, count: run, originalCount: run,
                canOpen: left && (!right || beforePunctuation), canClose: right && (!left || afterPunctuation))
        }
        return Delimiter(character: character, count: run, originalCount: run, canOpen: left, canClose: right)
    }

    /// Pairs openers with closers into `<em>` and `<strong>` (CommonMark's "process emphasis", with one bottom
    /// per character so each closer's search does not start over).
    static func processEmphasis(_ tokens: inout [Token]) {
        var openersBottom: [Character: Int] = [:]
        var closerIndex = 0
        while closerIndex < tokens.count {
            guard case .delimiter(var closer) = tokens[closerIndex], closer.canClose, closer.count > 0 else {
                closerIndex += 1
                continue
            }
            var openerIndex: Int?
            var candidate = closerIndex - 1
            let bottom = openersBottom[closer.character] ?? -1
            while candidate > bottom {
                if case .delimiter(let opener) = tokens[candidate], opener.character == closer.character,
                    opener.canOpen, opener.count > 0
                {
                    let oddMatch =
                        (opener.canClose || closer.canOpen) && (opener.originalCount + closer.originalCount) % 3 == 0
                        && !(opener.originalCount % 3 == 0 && closer.originalCount % 3 == 0)
                    if !oddMatch {
                        openerIndex = candidate
                        break
                    }
                }
                candidate -= 1
            }
            guard let openerIndex, case .delimiter(var opener) = tokens[openerIndex] else {
                openersBottom[closer.character] = closerIndex - 1
                if !closer.canOpen {
                    closer.canClose = false
                    tokens[closerIndex] = .delimiter(closer)
                }
                closerIndex += 1
                continue
            }
            let used = opener.count >= 2 && closer.count >= 2 ? 2 : 1
            let tag = used == 2 ? "strong" : "em"
            opener.count -= used
            opener.openTags.insert(tag, at: 0)
            closer.count -= used
            closer.closeTags.append(tag)
            tokens[openerIndex] = .delimiter(opener)
            tokens[closerIndex] = .delimiter(closer)
            for between in (openerIndex + 1)..<closerIndex {
                if case .delimiter(var inner) = tokens[between], inner.canOpen || inner.canClose {
                    inner.canOpen = false
                    inner.canClose = false
                    tokens[between] = .delimiter(inner)
                }
            }
            if closer.count == 0 { closerIndex += 1 }
        }
    }

    /// A named (HTML 4's names) or numeric character reference, kept as written.
    static func characterReference(_ characters: [Character], at index: Int) -> String? {
        guard let (length, _) = HTMLEntities.reference(characters, at: index) else { return nil }
        return String(characters[index..<(index + length)])
    }
}
