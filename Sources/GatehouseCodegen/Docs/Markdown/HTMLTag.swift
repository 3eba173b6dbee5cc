/// One piece of raw HTML as CommonMark reads it: an open tag, a closing tag, or a comment, processing
/// instruction, declaration or CDATA section (which the docs drop).
struct HTMLTag {
    enum Kind: Equatable {
        case start
        case end
        /// A comment, `<?…?>`, `<!DOCTYPE …>` or `<![CDATA[…]]>`.
        case other
    }

    var kind: Kind
    /// The tag name in lower case; empty for `.other`.
    var name: String
    /// The attributes in source order, names in lower case, values as written (character references not decoded).
    var attributes: [(name: String, value: String)]
    /// The index after the closing `>`.
    var end: Int

    /// The first value of the attribute `name`, with its character references decoded.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }.map { HTMLEntities.decode($0.value) }
    }

    /// A tag longer than this is text: keeps a run of unclosed `<a b c …` from making parsing quadratic.
    static let maximumLength = 4_096

    /// The raw HTML starting at the `<` at `index`, or nil when the text there is not raw HTML (then it is text).
    ///
    /// `memo` remembers where terminators were found, so that many unterminated comments stay linear.
    static func parse(_ characters: [Character], at index: Int, memo: inout Memo) -> HTMLTag? {
        guard index + 1 < characters.count, characters[index] == "<" else { return nil }
        let next = characters[index + 1]
        if next == "!" || next == "?" {
            return other(characters, at: index, memo: &memo)
        }
        var position = index + 1
        let kind: Kind
        if next == "/" {
            kind = .end
            position += 1
        } else {
            kind = .start
        }
        let limit = min(characters.count, index + maximumLength)
        guard position < limit, characters[position].isASCII, characters[position].isLetter else { return nil }
        let nameStart = position
        while position < limit, characters[position].isASCII,
            characters[position].isLetter || characters[position].isNumber || characters[position] == "-"
        {
            position += 1
        }
        let name = String(characters[nameStart..<position]).lowercased()
        var attributes: [(name: String, value: String)] = []
        while true {
            let spaceStart = position
            while position < limit, isSpace(characters[position]) { position += 1 }
            guard position < limit else { return nil }
            let character = characters[position]
            if character == ">" {
                return HTMLTag(kind: kind, name: name, attributes: attributes, end: position + 1)
            }
            if kind == .start, character == "/" {
                guard position + 1 < limit, characters[position + 1] == ">" else { return nil }
                return HTMLTag(kind: kind, name: name, attributes: attributes, end: position + 2)
            }
            // An attribute needs whitespace before it, and closing tags have none.
            guard kind == .start, position > spaceStart, isAttributeNameStart(character) else { return nil }
            let attributeStart = position
            while position < limit, isAttributeName(characters[position]) { position += 1 }
            let attributeName = String(characters[attributeStart..<position]).lowercased()
            var value = ""
            var lookahead = position
            while lookahead < limit, isSpace(characters[lookahead]) { lookahead += 1 }
            if lookahead < limit, characters[lookahead] == "=" {
                position = lookahead + 1
                while position < limit, isSpace(characters[position]) { position += 1 }
                guard position < limit else { return nil }
                let quote = characters[position]
                if quote == "\"" || quote == "'" {
                    let valueStart = position + 1
                    position = valueStart
                    while position < limit, characters[position] != quote { position += 1 }
                    guard position < limit else { return nil }
                    value = String(characters[valueStart..<position])
                    position += 1
                } else {
                    // CommonMark stops an unquoted value at `=` and a backtick too; browsers do not, and URLs with
                    // a query (`href=https://x.example/?a=1`) are what descriptions write.
                    let valueStart = position
                    while position < limit, !isSpace(characters[position]),
                        !"\"'<>".contains(characters[position]),
                        position > valueStart || !"=`".contains(characters[position])
                    {
                        position += 1
                    }
                    guard position > valueStart else { return nil }
                    value = String(characters[valueStart..<position])
                }
            }
            attributes.append((attributeName, value))
        }
    }

    /// A comment, processing instruction, declaration or CDATA section at `index`.
    private static func other(_ characters: [Character], at index: Int, memo: inout Memo) -> HTMLTag? {
        func starts(_ prefix: String) -> Bool {
            let prefix = Array(prefix)
            return index + prefix.count <= characters.count
                && characters[index..<(index + prefix.count)].elementsEqual(prefix)
        }
        func ending(_ terminator: String, from start: Int) -> HTMLTag? {
            guard let end = memo.find(terminator, in: characters, from: start) else { return nil }
            return HTMLTag(kind: .other, name: "", attributes: [], end: end)
        }
        if starts("<!-->") { return HTMLTag(kind: .other, name: "", attributes: [], end: index + 5) }
        if starts("<!--->") { return HTMLTag(kind: .other, name: "", attributes: [], end: index + 6) }
        if starts("<!--") { return ending("-->", from: index + 4) }
        if starts("<?") { return ending("?>", from: index + 2) }
        if starts("<![CDATA[") { return ending("]]>", from: index + 9) }
        if index + 2 < characters.count, characters[index + 2].isASCII, characters[index + 2].isLetter {
            return ending(">", from: index + 2)
        }
        return nil
    }

    /// Where text resumes after the element `name`, removed with its content, whose start tag ends at `start`:
    /// after the first `</name` (in any case) up to its `>`, as browsers end a script. When it is never closed, a
    /// script or style takes the rest of the text with it (its code is never shown); any other such tag gives nil,
    /// since an unclosed `<title>` or `<select>` is more likely a placeholder in prose, shown as written.
    static func resumeAfterRemovedElement(
        _ name: String, in characters: [Character], from start: Int, memo: inout Memo
    ) -> Int? {
        let unclosed = name == "script" || name == "style" ? characters.count : nil
        if let missing = memo.unclosedFrom[name], start >= missing { return unclosed }
        let pattern = Array("</" + name)
        var position = start
        while position + pattern.count <= characters.count {
            if characters[position] == "<",
                zip(characters[position..<(position + pattern.count)], pattern).allSatisfy({
                    $0.lowercased() == String($1)
                })
            {
                let after = position + pattern.count
                if after == characters.count || isSpace(characters[after]) || characters[after] == ">"
                    || characters[after] == "/"
                {
                    var end = after
                    while end < characters.count, characters[end] != ">" { end += 1 }
                    return min(characters.count, end + 1)
                }
            }
            position += 1
        }
        memo.unclosedFrom[name] = start
        return unclosed
    }

    static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n" || character == "\r\n" || character == "\u{0C}"
    }

    private static func isAttributeNameStart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character == "_" || character == ":")
    }

    private static func isAttributeName(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_.:-".contains(character))
    }

    /// The first place of each terminator (`-->`, `?>`, `]]>`, `>`) found so far, so that a later search that
    /// starts before it gives the same answer without scanning again, and where removed elements are known to be
    /// unclosed: many unterminated comments or `<title>`s stay linear.
    struct Memo {
        /// For each terminator: the search started at `from` and found the terminator ending at `end` (or nowhere).
        private var known: [String: (from: Int, end: Int?)] = [:]
        /// For each removed element: no closing tag follows this index.
        var unclosedFrom: [String: Int] = [:]

        /// The index after the first `terminator` at or after `start`.
        mutating func find(_ terminator: String, in characters: [Character], from start: Int) -> Int? {
            let pattern = Array(terminator)
            if let answer = known[terminator], start >= answer.from {
                guard let end = answer.end else { return nil }
                if start <= end - pattern.count { return end }
            }
            var position = start
            var found: Int?
            while position + pattern.count <= characters.count {
                if characters[position] == pattern[0],
                    characters[position..<(position + pattern.count)].elementsEqual(pattern)
                {
                    found = position + pattern.count
                    break
                }
                position += 1
            }
            known[terminator] = (start, found)
            return found
        }
    }
}
