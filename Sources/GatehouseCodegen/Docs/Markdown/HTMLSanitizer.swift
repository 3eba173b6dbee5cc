/// Writes the raw HTML of a description again, as well-formed markup made only of allowed elements.
///
/// Tags are never copied: each allowed start tag is written anew with the attributes its element may keep
/// (`HTMLSanitizer+Policy.swift`), every element it opens is closed by it, and nesting follows what an HTML
/// parser would build, so the page's own structure survives any description:
/// - a block start tag closes the open inline elements and paragraph first, as browsers and libxml2 do;
/// - `li`, `dt`/`dd`, `tr` and `td`/`th` close their open siblings, and content that lands directly in a list
///   or table gets the item or cell it needs, so nothing is moved out of a table by the browser;
/// - a closing tag closes what it matches and everything opened inside it; one that matches nothing open in
///   its container (a stray `</div>`, `</body>`) is ignored;
/// - Markdown containers (the description, a list item, a block quote, a paragraph) are barriers: raw HTML
///   inside them cannot close what is outside, and what it leaves open is closed where they end.
struct HTMLSanitizer {
    struct OpenElement {
        /// The element's name (`h` for every heading, since `</h2>` closes an `<h3>` too).
        var name: String
        var role: Role
        /// What is written to close it.
        var close: String
        /// For a barrier: whether only inline content may be added (a paragraph, a heading, a table cell).
        var inlineOnly = false
    }

    /// Raw elements nested deeper than this lose their tags (their content stays), so that a description cannot
    /// build a tree deeper than parsers accept.
    static let maximumOpenElements = 32

    /// The level of `<h1>`; deeper headings follow, up to `<h6>`. Zero makes headings bold paragraphs.
    var headingBase: Int
    /// False inside a link's text, where anchors cannot nest.
    var anchorsAllowed: Bool
    private(set) var stack: [OpenElement]
    private var openElements = 0

    /// A sanitizer whose outermost container takes blocks, or (`inlineOnly`) only inline content.
    init(inlineOnly: Bool, headingBase: Int = 3, anchorsAllowed: Bool = true) {
        self.headingBase = headingBase
        self.anchorsAllowed = anchorsAllowed
        stack = [OpenElement(name: "", role: .barrier, close: "", inlineOnly: inlineOnly)]
    }

    var anchorIsOpen: Bool { stack.contains { $0.name == "a" } }

    private var innermostBarrier: OpenElement {
        stack.last { $0.role == .barrier }!
    }

    // MARK: - Tags

    /// Writes the start tag of an allowed element (phrasing, blocks, lists, tables), in the place the HTML
    /// nesting rules give it; does nothing for an element that cannot be opened here.
    mutating func start(_ tag: HTMLTag, into output: inout String) {
        guard let role = Self.role(of: tag.name) else { return }
        let inlineOnly = innermostBarrier.inlineOnly
        switch role {
        case .phrasing:
            if tag.name == "a", !anchorsAllowed || anchorIsOpen { return }
            guard let open = startMarkup(tag) else { return }
            ensureContent(into: &output)
            push(tag.name, role, open: open, close: "</\(tag.name)>", into: &output)
        case .lineBreak:
            ensureContent(into: &output)
            output += "<br>"
        case .image:
            ensureContent(into: &output)
            output += imageMarkup(tag)
        case .textBlock, .flowBlock, .rule, .list, .definitionList, .table:
            guard !inlineOnly else { return }
            closeInline(into: &output)
            ensureContent(into: &output)
            if role == .rule {
                output += "<hr>"
            } else if tag.name.count == 2, tag.name.first == "h", let level = Int(tag.name.dropFirst()) {
                if headingBase <= 0 {
                    push("h", role, open: "<p><strong>", close: "</strong></p>", into: &output)
                } else {
                    let shifted = min(6, headingBase + level - 1)
                    push("h", role, open: "<h\(shifted)>", close: "</h\(shifted)>", into: &output)
                }
            } else {
                push(tag.name, role, open: startMarkup(tag) ?? "<\(tag.name)>", close: "</\(tag.name)>", into: &output)
            }
        case .listItem, .definitionItem:
            guard !inlineOnly else { return }
            closeInline(into: &output)
            // An open item of the same list ends here, even with a `div` or paragraph still open inside it.
            if let item = stack.lastIndex(where: { !$0.passableByItem || $0.role == role }), stack[item].role == role {
                pop(to: item, into: &output)
            }
            guard stack.last?.role == (role == .listItem ? .list : .definitionList) else { return }
            push(tag.name, role, open: "<\(tag.name)>", close: "</\(tag.name)>", into: &output)
        case .tableSection, .tableRow, .tableCell:
            guard !inlineOnly, openTableParent(for: role, into: &output) else { return }
            push(tag.name, role, open: startMarkup(tag) ?? "<\(tag.name)>", close: "</\(tag.name)>", into: &output)
        case .removed, .removedWithContent, .barrier:
            return
        }
    }

    /// Closes the element a closing tag names and what is open inside it; ignores one that matches nothing open
    /// within the current container.
    mutating func end(_ name: String, into output: inout String) {
        guard let role = Self.role(of: name) else { return }
        let tableTag = [.table, .tableSection, .tableRow, .tableCell].contains(role)
        let key = name.count == 2 && name.first == "h" && name.last!.isNumber ? "h" : name
        var index = stack.count - 1
        while index > 0, stack[index].role != .barrier {
            if stack[index].name == key {
                pop(to: index, into: &output)
                return
            }
            // As in HTML's "element in scope": a closing tag does not reach out of a table cell or a table.
            if !tableTag, stack[index].role == .tableCell || stack[index].role == .table { return }
            if role == .listItem, stack[index].role == .list { return }
            index -= 1
        }
    }

    // MARK: - Content

    /// Writes text (already escaped) where the element open now may hold it.
    mutating func text(_ html: String, into output: inout String) {
        if html.contains(where: { !$0.isWhitespace }) { ensureContent(into: &output) }
        output += html
    }

    /// Makes the current place ready for a block the Markdown renderer writes: closes open inline elements and
    /// paragraphs, and opens the item or cell a raw list or table needs.
    mutating func prepareForBlock(into output: inout String) {
        closeInline(into: &output)
        ensureContent(into: &output)
    }

    /// Starts a Markdown container: raw HTML inside it cannot close what is open outside it.
    mutating func pushBarrier(inlineOnly: Bool = false) {
        stack.append(OpenElement(name: "", role: .barrier, close: "", inlineOnly: inlineOnly))
    }

    /// Ends the innermost Markdown container, closing what raw HTML left open inside it.
    mutating func popBarrier(into output: inout String) {
        guard let barrier = stack.lastIndex(where: { $0.role == .barrier }), barrier > 0 else { return }
        pop(to: barrier, into: &output)
    }

    /// Closes everything still open.
    mutating func finish(into output: inout String) {
        if stack.count > 1 { pop(to: 1, into: &output) }
    }

    // MARK: - The stack

    private mutating func push(_ name: String, _ role: Role, open: String, close: String, into output: inout String) {
        guard openElements < Self.maximumOpenElements else { return }
        output += open
        stack.append(OpenElement(name: name, role: role, close: close))
        openElements += 1
    }

    /// Pops and closes the elements from the top down to `index`, inclusive.
    private mutating func pop(to index: Int, into output: inout String) {
        while stack.count > index {
            let element = stack.removeLast()
            output += element.close
            if element.role != .barrier { openElements -= 1 }
        }
    }

    /// Closes open inline elements and text blocks down to the nearest block container.
    private mutating func closeInline(into output: inout String) {
        while let top = stack.last, top.role == .phrasing || top.role == .textBlock {
            output += top.close
            stack.removeLast()
            openElements -= 1
        }
    }

    /// Opens the item or cell that content needs when a list or table is the open element.
    private mutating func ensureContent(into output: inout String) {
        while let top = stack.last {
            switch top.role {
            case .list: push("li", .listItem, open: "<li>", close: "</li>", into: &output)
            case .definitionList: push("dd", .definitionItem, open: "<dd>", close: "</dd>", into: &output)
            case .table, .tableSection: push("tr", .tableRow, open: "<tr>", close: "</tr>", into: &output)
            case .tableRow: push("td", .tableCell, open: "<td>", close: "</td>", into: &output)
            default: return
            }
            // Past the depth limit nothing is pushed, and the content goes where it is.
            if stack.last?.role == top.role { return }
        }
    }

    /// Closes what a table part ends (an open cell, row or section) and opens the row it needs; false when no
    /// table is open in this container.
    private mutating func openTableParent(for role: Role, into output: inout String) -> Bool {
        let tableRoles: [Role] = [.table, .tableSection, .tableRow, .tableCell]
        guard let nearest = stack.lastIndex(where: { tableRoles.contains($0.role) || $0.role == .barrier }),
            stack[nearest].role != .barrier
        else { return false }
        switch role {
        case .tableSection:
            guard let table = stack[...nearest].lastIndex(where: { $0.role == .table || $0.role == .barrier }),
                stack[table].role == .table
            else { return false }
            pop(to: table + 1, into: &output)
        case .tableRow:
            guard
                let parent = stack[...nearest].lastIndex(where: {
                    $0.role == .table || $0.role == .tableSection || $0.role == .barrier
                }), stack[parent].role != .barrier
            else { return false }
            pop(to: parent + 1, into: &output)
        default:  // a cell
            pop(to: stack[nearest].role == .tableCell ? nearest : nearest + 1, into: &output)
            if stack.last?.role == .table || stack.last?.role == .tableSection {
                push("tr", .tableRow, open: "<tr>", close: "</tr>", into: &output)
            }
            return stack.last?.role == .tableRow
        }
        return true
    }
}

extension HTMLSanitizer.OpenElement {
    /// Whether an `li` or `dt`/`dd` start tag looks past this element for an open item to close (HTML closes
    /// an item through paragraphs, inline elements and `div`s, not through nested lists or tables).
    fileprivate var passableByItem: Bool {
        role == .phrasing || role == .textBlock || name == "div"
    }
}
