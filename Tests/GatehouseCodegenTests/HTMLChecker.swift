import CHTMLCheck
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
        final class Sink {
            var problems: [String] = []
            var elements: [Element] = []
            var scripts: [String] = []
        }
        let sink = Sink()
        let bytes = Array(html.utf8)
        let status = withExtendedLifetime(sink) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { characters in
                    chtml_parse(
                        characters.baseAddress, Int32(characters.count), Unmanaged.passUnretained(sink).toOpaque(),
                        { context, line, message in
                            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
                            let text = message.map { String(cString: $0) } ?? "?"
                            sink.problems.append(
                                "line \(line): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
                        },
                        { context, name, attributes, script in
                            let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
                            var values: [String: String] = [:]
                            var index = 0
                            while let attributes, let key = attributes[index] {
                                values[String(cString: key)] = attributes[index + 1].map { String(cString: $0) } ?? ""
                                index += 2
                            }
                            let elementName = name.map { String(cString: $0) } ?? ""
                            sink.elements.append(Element(name: elementName, attributes: values))
                            if let script { sink.scripts.append(String(cString: script)) }
                        })
                }
            }
        }
        if status != 0 { sink.problems.append("the document did not parse at all") }
        problems = sink.problems.filter { problem in
            !Self.html5Elements.contains { problem.hasSuffix("Tag \($0) invalid") }
        }
        elements = sink.elements
        scripts = sink.scripts
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
