import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an XML body into a tree of elements with FoundationXML's `XMLParser` (libxml2), safely.
///
/// Entity expansion is the XML attack surface ("billion laughs", XXE), so a document whose DOCTYPE declares entities
/// or names an external DTD is refused before libxml2 sees it, external entity resolution stays off, and only UTF-8
/// (or its ASCII and ISO-8859-1 subsets) is read, so no other encoding can hide a declaration from that check.
struct XMLBodyParser: Sendable {
    /// An element with its local name, attributes (local names) and content.
    struct Element: Sendable, Hashable {
        struct Attribute: Sendable, Hashable {
            var name: String
            var value: String
        }

        var name: String
        var attributes: [Attribute] = []
        var children: [Element] = []
        /// The element's own character data (CDATA included), concatenated.
        var text = ""

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }

        func children(named name: String) -> [Element] {
            children.filter { $0.name == name }
        }
    }

    /// Why the body was refused or could not be parsed, as one sentence.
    struct Failure: Error, Sendable, Hashable {
        var message: String
    }

    var maxDepth: Int

    func parse(_ bytes: [UInt8]) -> Result<Element, Failure> {
        if let refusal = Self.refusal(bytes) { return .failure(Failure(message: refusal)) }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(maxDepth: maxDepth)
        parser.delegate = builder
        let parsed = parser.parse()
        if builder.tooDeep {
            return .failure(Failure(message: "expected XML nested at most \(maxDepth) elements deep, found deeper"))
        }
        guard parsed, builder.error == nil, let root = builder.root else {
            // The position is the one libxml2 had when it raised the error, not where it gave up.
            let (code, line, column) =
                builder.error ?? ((parser.parserError as NSError?)?.code ?? 0, parser.lineNumber, parser.columnNumber)
            return .failure(Failure(message: "invalid XML at line \(line), column \(column): \(Self.describe(code))"))
        }
        return .success(root)
    }

    /// Why the document is refused before parsing, if it is.
    static func refusal(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.first == 0 {
            return "expected XML encoded as UTF-8, found a UTF-16 or UTF-32 document"
        }
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        var isLatin1 = false
        if head.hasPrefix("<?xml"), let declarationEnd = head.range(of: "?>") {
            let declaration = head[..<declarationEnd.lowerBound].lowercased()
            if let encoding = declaration.range(of: "encoding") {
                let value = declaration[encoding.upperBound...].drop { " =\"'\t".contains($0) }.prefix {
                    $0 != "\"" && $0 != "'"
                }
                if !["utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1"].contains(String(value)) {
                    return "expected XML encoded as UTF-8, found encoding '\(value)'"
                }
                isLatin1 = ["iso-8859-1", "latin1"].contains(String(value))
            }
        }
        // libxml2 hands names with bytes that are not UTF-8 to FoundationXML, which traps on them (found by
        // bench/fuzz's FuzzXML): such a document is refused before it is parsed.
        if !isLatin1, let offset = invalidUTF8Offset(bytes) {
            return "expected XML encoded as UTF-8, found a byte that is not UTF-8 at offset \(offset)"
        }
        // FoundationXML dereferences a processing instruction's data without checking it (`<?target?>` crashed the
        // server; bench/fuzz's FuzzXML): request bodies have no business carrying one, so any but the declaration is
        // refused.
        if let target = processingInstruction(in: bytes) {
            return "expected XML without processing instructions, found '<?\(target)'"
        }
        // Conservative on purpose: any DOCTYPE that declares entities, or points at an external DTD, is refused, even
        // when the declaration would be harmless. Request bodies have no business carrying a DTD.
        guard let doctype = firstIndex(of: Array("<!DOCTYPE".utf8), in: bytes) else { return nil }
        let rest = bytes[doctype...]
        if firstIndex(of: Array("<!ENTITY".utf8), in: rest) != nil {
            return
                "expected XML without entity declarations, found a DOCTYPE that declares entities (refused, never expanded)"
        }
        let declaration = rest.prefix { $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: ">") }
        if firstIndex(of: Array("SYSTEM".utf8), in: declaration) != nil
            || firstIndex(of: Array("PUBLIC".utf8), in: declaration) != nil
        {
            return "expected XML without an external DTD, found a DOCTYPE with a SYSTEM or PUBLIC identifier"
        }
        return nil
    }

    /// The target of the first processing instruction after the XML declaration (outside comments and CDATA
    /// sections), or nil when there is none.
    static func processingInstruction(in bytes: [UInt8]) -> String? {
        let open = UInt8(ascii: "<")
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == open else {
                index += 1
                continue
            }
            let rest = bytes[index...]
            if rest.starts(with: Array("<!--".utf8)) {
                index = firstIndex(of: Array("-->".utf8), in: rest).map { $0 + 3 } ?? bytes.count
            } else if rest.starts(with: Array("<![CDATA[".utf8)) {
                index = firstIndex(of: Array("]]>".utf8), in: rest).map { $0 + 3 } ?? bytes.count
            } else if bytes[index + 1] == UInt8(ascii: "?") {
                let target = rest.dropFirst(2).prefix { !" \t\r\n?>".utf8.contains($0) }
                let name = String(decoding: target, as: UTF8.self)
                // The declaration, first in the document (after a byte order mark or blank space at most).
                let before = bytes[..<index].filter { ![0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0D, 0x0A].contains($0) }
                let end = index + 2 + target.count
                let hasData = end < bytes.count && [0x20, 0x09, 0x0D, 0x0A].contains(bytes[end])
                if before.isEmpty && name.lowercased() == "xml" && hasData {
                    index += 2
                    continue
                }
                return name
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The offset of the first byte that does not begin or continue a UTF-8 sequence; nil when all do.
    static func invalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func firstIndex(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = bytes.startIndex
        while index <= bytes.endIndex - needle.count {
            if bytes[index] == first && bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        firstIndex(of: needle, in: bytes[...])
    }

    /// libxml2's error codes for the mistakes people make, in words; others by number.
    private static func describe(_ code: Int) -> String {
        switch code {
        case 4: return "expected a root element, found an empty document"
        case 5:
            return
                "expected the document to end with the root element's end tag, found it cut short or followed by more content"
        case 9: return "expected well-formed character data, found an invalid character"
        case 26: return "expected a declared entity, found an undeclared entity reference"
        case 38, 39, 40, 41: return "expected a well-formed attribute, found a malformed one"
        case 64, 65: return "expected a well-formed XML declaration, found a malformed one"
        case 68, 73: return "expected a well-formed start tag, found a malformed one"
        case 76: return "expected the matching end tag, found a different one"
        case 77: return "expected the end tag, found the end of the document"
        default: return "expected well-formed XML, found an error (libxml2 error \(code))"
        }
    }
}

/// Collects the element tree from `XMLParser` callbacks and stops the parse past the depth limit.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    let maxDepth: Int
    var stack: [XMLBodyParser.Element] = []
    var root: XMLBodyParser.Element?
    var tooDeep = false
    /// The first error libxml2 reported, with its position.
    var error: (code: Int, line: Int, column: Int)?

    init(maxDepth: Int) {
        self.maxDepth = maxDepth
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard stack.count < maxDepth else {
            tooDeep = true
            parser.abortParsing()
            return
        }
        var element = XMLBodyParser.Element(name: Self.localName(elementName))
        // Namespace declarations are not data; prefixed attribute names are matched by their local name.
        for (name, value) in attributeDict.sorted(by: { $0.key < $1.key })
        where name != "xmlns" && !name.hasPrefix("xmlns:") {
            element.attributes.append(.init(name: Self.localName(name), value: value))
        }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil {
            error = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA cdataBlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: cdataBlock, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    private static func localName(_ name: String) -> String {
        name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }
}
