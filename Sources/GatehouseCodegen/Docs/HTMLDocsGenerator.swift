public import Foundation
import GatehouseJSON
public import GatehouseSpec
import Mustache

/// Writes the HTML API reference of a contract: one self-contained `index.html` with inline CSS and a small inline
/// script, which loads nothing from anywhere and opens from disk or any static host.
///
/// The page is rendered from Mustache templates (`DocsTemplate`), which a user may replace; everything taken from
/// the spec is escaped, and descriptions go through a CommonMark renderer that lets no HTML of their own through.
/// The same contract and configuration give byte-identical output.
public struct HTMLDocsGenerator: Sendable {
    /// What to generate.
    public struct Configuration: Sendable {
        /// When set, every operation gets a form that sends its request to this URL (the prefix of the paths,
        /// such as `http://localhost:8080/api`), for example a running `gatehouse serve`.
        public var tryItURL: String?
        /// Templates replacing the defaults, by name: `index` (the page), `operation`, `media`, or partials of
        /// their own that these include.
        public var templates: [String: String]
        /// The file written, relative to the output folder.
        public var fileName: String

        public init(tryItURL: String? = nil, templates: [String: String] = [:], fileName: String = "index.html") {
            self.tryItURL = tryItURL
            self.templates = templates
            self.fileName = fileName
        }

        /// The `*.mustache` files of `directory`, by name without the extension, for `templates`.
        public static func templates(in directory: URL) throws(HTMLDocsError) -> [String: String] {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            } catch {
                throw HTMLDocsError(
                    code: .unreadableTemplate, message: "cannot read the templates folder '\(directory.path)'")
            }
            var templates: [String: String] = [:]
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let url = directory.appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: url.path),
                    let text = String(data: data, encoding: .utf8)
                else {
                    throw HTMLDocsError(
                        code: .unreadableTemplate, message: "cannot read template '\(url.path)' as UTF-8")
                }
                templates[String(name.dropLast(".mustache".count))] = text
            }
            guard !templates.isEmpty else {
                throw HTMLDocsError(
                    code: .unreadableTemplate,
                    message:
                        "the templates folder '\(directory.path)' has no '.mustache' files (expected 'index.mustache',"
                        + " 'operation.mustache' or 'media.mustache')")
            }
            return templates
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The page for `model`: one file, `configuration.fileName`.
    public func generate(_ model: APIModel) throws(HTMLDocsError) -> [GeneratedFile] {
        if let url = configuration.tryItURL {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host != nil else {
                throw HTMLDocsError(
                    code: .invalidTryItURL,
                    message: "'\(url)' is not an http or https URL; --try-it needs one such as"
                        + " 'http://localhost:8080'")
            }
        }
        var library = MustacheLibrary()
        for (name, source) in DocsTemplate.defaults where configuration.templates[name] == nil {
            try register(source, named: name, in: &library)
        }
        for (name, source) in configuration.templates.sorted(by: { $0.key < $1.key }) {
            try register(source, named: name, in: &library)
        }
        try Self.checkIncludes(configuration.templates)
        let page = DocsPageBuilder(model: model, tryItURL: configuration.tryItURL)
            .build(style: DocsStyle.css, script: DocsScript.javaScript, generator: "Gatehouse")
        guard var html = library.render(page, withTemplate: "index") else {
            throw HTMLDocsError(code: .invalidTemplate, message: "no 'index' template to render the page with")
        }
        if !html.hasSuffix("\n") { html += "\n" }
        return [GeneratedFile(path: configuration.fileName, contents: html)]
    }

    /// Refuses templates that include themselves (`{{> index}}` in `index`, or through other partials): the view
    /// model has no recursive structure, so such an include would recurse until the stack overflows.
    static func checkIncludes(_ templates: [String: String]) throws(HTMLDocsError) {
        var sources: [String: String] = [:]
        for (name, source) in DocsTemplate.defaults { sources[name] = source }
        for (name, source) in templates { sources[name] = source }
        var includes: [String: [String]] = [:]
        for (name, source) in sources {
            var names: [String] = []
            var rest = Substring(source)
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                guard let first = rest.first, first == ">" || first == "<" else { continue }
                guard let close = rest.range(of: "}}") else { break }
                let included = rest[rest.index(after: rest.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                if !included.hasPrefix("*") { names.append(included) }
                rest = rest[close.upperBound...]
            }
            includes[name] = names
        }
        var finished: Set<String> = []
        func visit(_ name: String, path: [String]) throws(HTMLDocsError) {
            if let start = path.firstIndex(of: name) {
                let cycle = (path[start...] + [name]).map { "'\($0)'" }.joined(separator: " -> ")
                throw HTMLDocsError(
                    code: .invalidTemplate, message: "template '\(name)' includes itself: \(cycle)")
            }
            guard !finished.contains(name) else { return }
            for next in includes[name] ?? [] { try visit(next, path: path + [name]) }
            finished.insert(name)
        }
        for name in includes.keys.sorted() { try visit(name, path: []) }
    }

    private func register(_ source: String, named name: String, in library: inout MustacheLibrary) throws(HTMLDocsError)
    {
        do {
            try library.register(source, named: name)
        } catch {
            throw HTMLDocsError(code: .invalidTemplate, message: "template '\(name)' does not parse: \(error)")
        }
    }
}

/// Why the docs could not be generated.
public struct HTMLDocsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidTemplate, unreadableTemplate, invalidTryItURL
        }

        private let value: Value

        /// A template does not parse, or the page template is missing.
        public static let invalidTemplate = Code(value: .invalidTemplate)
        /// A template folder or file cannot be read.
        public static let unreadableTemplate = Code(value: .unreadableTemplate)
        /// `--try-it` was given something other than an http(s) URL.
        public static let invalidTryItURL = Code(value: .invalidTryItURL)

        public var description: String {
            switch value {
            case .invalidTemplate: "invalid template"
            case .unreadableTemplate: "unreadable template"
            case .invalidTryItURL: "invalid try-it URL"
            }
        }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
