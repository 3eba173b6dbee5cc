import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// The examples shown for bodies and parameters: the spec's own, or one synthesized from the schema when it has
/// none, pretty-printed and cut to a bounded length.
///
/// Synthesized instances are cached by schema, because large APIs use the same few schemas in many operations.
final class ExampleCatalog {
    /// Characters of one example's text before it is cut.
    static let maximumLength = 16_000

    private let document: SpecDocument
    private let requestSynthesizer: ExampleSynthesizer
    private let responseSynthesizer: ExampleSynthesizer
    private var cache: [CacheKey: JSONValue?] = [:]

    private struct CacheKey: Hashable {
        var address: NodeAddress
        var request: Bool
    }

    private let rendered: RenderCache

    init(document: SpecDocument, cache: RenderCache) {
        self.document = document
        self.rendered = cache
        let compiler = SchemaCompiler(document: document)
        requestSynthesizer = ExampleSynthesizer(
            compiler: compiler, configuration: .init(maxDepth: 4, includeOptionalProperties: true, direction: .request))
        responseSynthesizer = ExampleSynthesizer(
            compiler: compiler, configuration: .init(maxDepth: 4, includeOptionalProperties: true, direction: .response)
        )
    }

    /// A valid instance of `schema`, or nil when none could be made.
    func sample(for schema: SchemaReference?, request: Bool) -> JSONValue? {
        guard let schema else { return nil }
        let key = CacheKey(address: schema.address, request: request)
        if let cached = cache[key] { return cached }
        let synthesizer = request ? requestSynthesizer : responseSynthesizer
        let value = (try? synthesizer.example(for: schema)) ?? nil
        cache[key] = value
        return value
    }

    /// The examples of a media type; a synthesized one when it declares none and its schema is JSON.
    func examples(for media: MediaType, request: Bool) -> [DocsExample] {
        var result: [DocsExample] = []
        for example in media.examples {
            let text: String
            if let value = example.value {
                let key = example.address.appending(media.mediaType?.isJSON ?? false ? "json" : "text")
                text = rendered.exampleText(key) {
                    HTMLEscaping.escapeContent(Self.text(of: value, media: media))
                }
            } else if let external = example.externalValue {
                text = HTMLEscaping.escapeContent("(external example: \(external))")
            } else {
                continue
            }
            result.append(
                DocsExample(
                    name: example.name, summary: DocsNull.or(example.summary),
                    textHTML: text,
                    synthesized: false))
        }
        if result.isEmpty, let value = media.example {
            result.append(
                DocsExample(
                    name: "default", summary: DocsNull(),
                    textHTML: HTMLEscaping.escapeContent(Self.text(of: value, media: media)), synthesized: false))
        }
        if result.isEmpty, media.mediaType?.isJSON ?? false, let schema = media.schema,
            let value = sample(for: schema, request: request)
        {
            let key = schema.address.appending(request ? "request" : "response")
            let text = rendered.exampleText(key) { HTMLEscaping.escapeContent(Self.text(of: value, media: media)) }
            result.append(
                DocsExample(
                    name: "synthesized", summary: DocsNull(),
                    textHTML: text, synthesized: true))
        }
        return result
    }

    /// The first example value of a media type (declared or synthesized), for snippets and the try-it form.
    func firstValue(for media: MediaType, request: Bool) -> JSONValue? {
        media.examples.lazy.compactMap(\.value).first ?? media.example
            ?? (media.mediaType?.isJSON ?? false ? sample(for: media.schema, request: request) : nil)
    }

    /// Pretty JSON for JSON media types; strings as they are for text ones.
    static func text(of value: JSONValue, media: MediaType) -> String {
        let text: String
        if case .string(let string) = value, !(media.mediaType?.isJSON ?? false) {
            text = string
        } else {
            text = JSONWriter.string(value, pretty: true)
        }
        return bounded(text)
    }

    static func bounded(_ text: String) -> String {
        guard text.count > maximumLength else { return text }
        return String(text.prefix(maximumLength))
            + "\n… (example shortened: it is longer than \(maximumLength) characters)"
    }
}
