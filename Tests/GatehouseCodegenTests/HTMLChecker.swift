import CLibXML2
import Foundation

/// A generated page as libxml2's HTML parser reads it: the problems it reports, and the elements, ids and links
/// it finds.
struct HTMLChecker {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    /// Parser errors and warnings, except unknown-tag reports for the HTML5 elements libxml2's HTML 4 parser does
    /// not know.
    var problems: [String] = []
    var elements: [Element] = []
    /// The text of every `<script>` element.
    var scripts: [String] = []

    static let html5Elements: Set<String> = [
        "nav", "main", "section", "header", "footer", "details", "summary", "figure", "figcaption", "output",
        "article", "aside", "mark",
    ]

    init(_ html: String) {
        var collected: [String] = []
        let bytes = Array(html.utf8)
        // libxml2 keeps the error handler per thread; this parse runs on one thread from here to the end.
        withUnsafeMutablePointer(to: &collected) { sink in
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(sink)) { context, error in
                guard let context, let error else { return }
                let sink = context.assumingMemoryBound(to: [String].self)
                let message = error.pointee.message.map { String(cString: $0) } ?? "?"
                sink.pointee.append(
                    "line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            let options = Int32(HTML_PARSE_NONET.rawValue)
            let document = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    htmlReadMemory(pointer, Int32(buffer.count), "index.html", "UTF-8", options)
                }
            }
            xmlSetStructuredErrorFunc(nil, nil)
            if let document {
                walk(xmlDocGetRootElement(document))
                xmlFreeDoc(document)
            } else {
                sink.pointee.append("the document did not parse at all")
            }
        }
        problems = collected.filter { problem in
            !Self.html5Elements.contains { problem.hasSuffix("Tag \($0) invalid") }
        }
    }

    private mutating func walk(_ node: xmlNodePtr?) {
        var current = node
        while let node = current {
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = String(cString: node.pointee.name)
                var attributes: [String: String] = [:]
                var attribute = node.pointee.properties
                while let property = attribute {
                    let key = String(cString: property.pointee.name)
                    if let value = xmlNodeGetContent(UnsafeMutablePointer<xmlNode>(OpaquePointer(property))) {
                        attributes[key] = String(cString: value)
                        xmlFree(value)
                    } else {
                        attributes[key] = ""
                    }
                    attribute = property.pointee.next
                }
                elements.append(Element(name: name, attributes: attributes))
                if name == "script", let content = xmlNodeGetContent(node) {
                    scripts.append(String(cString: content))
                    xmlFree(content)
                }
                walk(node.pointee.children)
            }
            current = node.pointee.next
        }
    }

    var ids: Set<String> { Set(elements.compactMap { $0.attributes["id"] }) }

    /// Every `href`, `src`, `action`, … value.
    var urls: [String] {
        elements.flatMap { element in
            ["href", "src", "action", "formaction", "srcset", "poster", "data", "background"].compactMap {
                element.attributes[$0]
            }
        }
    }

    /// Elements that a description could use to run or load something.
    var activeElements: [Element] {
        elements.filter {
            ["img", "iframe", "object", "embed", "link", "video", "audio", "source", "base", "meta", "form", "svg"]
                .contains($0.name) && !($0.name == "meta" && $0.attributes["http-equiv"] == nil)
                && !($0.name == "form" && $0.attributes["class"] == "try-form")
        }
    }

    /// Attributes named `on…` (event handlers) or `style`, anywhere.
    var handlerAttributes: [String] {
        elements.flatMap { element in
            element.attributes.keys.filter { $0.lowercased().hasPrefix("on") || $0 == "style" }.map {
                "\(element.name) \($0)"
            }
        }
    }
}
