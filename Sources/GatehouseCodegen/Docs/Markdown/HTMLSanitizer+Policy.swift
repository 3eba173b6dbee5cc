/// Which raw HTML elements a description may use, and the attributes each keeps.
extension HTMLSanitizer {
    /// What an element is to the sanitizer: how it nests, or how it is removed.
    enum Role: Equatable {
        /// Inline text markup: `a`, `code`, `em`, `strong`, …
        case phrasing
        /// `br`.
        case lineBreak
        /// `img`: becomes a link to the image (or its alternative text), as a Markdown image does.
        case image
        /// A block that holds only inline content: `p`, `h1`…`h6`, `pre`.
        case textBlock
        /// A block that holds blocks: `div`, `blockquote`, `details`, `summary`.
        case flowBlock
        /// `hr`.
        case rule
        /// `ul`, `ol`: their children are `li`.
        case list
        case listItem
        /// `dl`: its children are `dt` and `dd`.
        case definitionList
        case definitionItem
        case table
        /// `thead`, `tbody`, `tfoot`.
        case tableSection
        case tableRow
        /// `td`, `th`.
        case tableCell
        /// Removed with everything inside it: `script`, `style`, `iframe`, `svg`, …
        case removedWithContent
        /// Any other HTML element (`form`, `input`, `font`, `section`, …): the tag is removed, its content stays.
        case removed
        /// Not an element but the place where a Markdown container (the description, a list item, a paragraph)
        /// starts: raw HTML cannot close what is outside it.
        case barrier
    }

    static let roles: [String: Role] = {
        var roles: [String: Role] = [:]
        for name in [
            "a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
            "span", "strong", "sub", "sup", "u", "var",
        ] {
            roles[name] = .phrasing
        }
        for name in ["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"] { roles[name] = .textBlock }
        for name in ["div", "blockquote", "details", "summary"] { roles[name] = .flowBlock }
        roles["br"] = .lineBreak
        roles["img"] = .image
        roles["hr"] = .rule
        roles["ul"] = .list
        roles["ol"] = .list
        roles["li"] = .listItem
        roles["dl"] = .definitionList
        roles["dt"] = .definitionItem
        roles["dd"] = .definitionItem
        roles["table"] = .table
        for name in ["thead", "tbody", "tfoot"] { roles[name] = .tableSection }
        roles["tr"] = .tableRow
        roles["td"] = .tableCell
        roles["th"] = .tableCell
        for name in [
            "script", "style", "iframe", "noscript", "noembed", "noframes", "template", "title", "textarea", "xmp",
            "svg", "math", "object", "applet", "select", "audio", "video", "canvas", "head", "plaintext", "frameset",
        ] {
            roles[name] = .removedWithContent
        }
        for name in [
            "html", "body", "form", "input", "button", "label", "fieldset", "legend", "font", "center", "section",
            "article", "header", "footer", "nav", "main", "aside", "figure", "figcaption", "address", "caption", "col",
            "colgroup", "link", "meta", "base", "embed", "source", "track", "param", "area", "map", "option",
            "optgroup", "output", "progress", "meter", "dialog", "menu", "dir", "frame", "big", "tt", "strike",
            "nobr", "bdi", "bdo", "ruby", "rt", "rp", "data", "time", "picture", "slot", "search", "hgroup",
            "listing", "marquee", "blink", "basefont", "bgsound", "keygen", "image", "isindex", "datalist",
            "acronym", "wbr", "menuitem",
        ] {
            roles[name] = .removed
        }
        return roles
    }()

    /// The element's role; nil when `name` is no HTML element (`<branch>`, `<api_key>`): such a tag is a
    /// placeholder in prose and is shown as written.
    static func role(of name: String) -> Role? {
        roles[name]
    }

    /// The start tag written for an allowed element: only the attributes that cannot run, load or restyle
    /// anything, with values decoded and escaped again. Nil for a link without a safe target, which keeps its
    /// text and loses the link (as a Markdown link does).
    func startMarkup(_ tag: HTMLTag) -> String? {
        switch tag.name {
        case "a":
            guard let href = tag.attribute("href").flatMap(HTMLEscaping.safeLinkTarget) else { return nil }
            return "<a href=\"" + HTMLEscaping.escape(href) + "\" rel=\"noopener noreferrer\">"
        case "abbr":
            guard let title = tag.attribute("title") else { return "<abbr>" }
            return "<abbr title=\"" + HTMLEscaping.escape(title) + "\">"
        case "ol":
            guard let text = tag.attribute("start"), let start = Int(text.trimmingSpaces()),
                (-999_999_999...999_999_999).contains(start)
            else { return "<ol>" }
            return "<ol start=\"\(start)\">"
        case "td", "th":
            var markup = "<" + tag.name
            if let text = tag.attribute("colspan"), let span = Int(text.trimmingSpaces()), (1...1_000).contains(span) {
                markup += " colspan=\"\(span)\""
            }
            if let text = tag.attribute("rowspan"), let span = Int(text.trimmingSpaces()), (0...1_000).contains(span) {
                markup += " rowspan=\"\(span)\""
            }
            // The page's own classes, as Markdown tables get them: style attributes are never written.
            if let align = tag.attribute("align")?.lowercased(), ["left", "center", "right"].contains(align) {
                markup += " class=\"align-\(align)\""
            }
            return markup + ">"
        default:
            return "<" + tag.name + ">"
        }
    }

    /// The markup for `<img>`: a link to the image named by its text, as a Markdown image is, so that the page
    /// loads nothing; just the text where no link can be.
    func imageMarkup(_ tag: HTMLTag) -> String {
        let alt = tag.attribute("alt") ?? ""
        guard !anchorIsOpen, anchorsAllowed, let source = tag.attribute("src").flatMap(HTMLEscaping.safeLinkTarget)
        else { return HTMLEscaping.escape(alt) }
        return InlineRenderer.anchor(href: source, title: nil, text: alt.isEmpty ? "image" : HTMLEscaping.escape(alt))
    }
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        Substring(self).trimmingSpaces()
    }
}
