public import GatehouseJSON
public import GatehouseSpec

/// How the gateway writes one of its own errors (a 400 from request validation, a 401, a 429…) where the contract
/// documents the response for that status: in the documented media type and schema, so a client that decodes the
/// contract's error type reads the gateway's errors too.
///
/// For each documented media type in order, the first that can carry the error wins:
/// - `application/problem+json`, or a JSON type whose schema accepts the problem document as it is (or has no
///   schema): the problem document (RFC 9457), sent as that type;
/// - another JSON type with a schema: the contract's own error value (its first valid example, else an instance
///   synthesized from the schema) with the problem's status, title, detail and errors written into the members that
///   name them (`code`, `status`, `message`, `detail`, `error`, `errors`, `title`…, also one level down in an
///   `error` object), each kept only when the value still matches the schema;
/// - a `text/*` type (a string schema or none): the detail as text (escaped for `text/html` and `text/xml`).
///
/// A response documented without content, or with only types that cannot carry it, is not reshaped (nil from
/// `init`): the gateway sends its problem document.
public struct DocumentedErrorShape: Sendable {
    enum Form: Sendable {
        /// The problem document as it is (a JSON type without a schema).
        case problem
        /// The problem document when the schema accepts it, else the contract's error value with the problem written
        /// into it; nil when the contract has no valid value to start from.
        case shaped(CompiledSchema, template: JSONValue?)
        /// The detail as text, with `<`, `>` and `&` escaped for HTML and XML.
        case text(escaped: Bool)
    }

    /// The `Content-Type` the error is sent with.
    public let contentType: String
    let form: Form
    /// A `text/*` response's schema.
    let textSchema: CompiledSchema?

    static let options = ValidationOptions(direction: .response, maxIssues: 1)

    /// The shape of `response`'s errors; nil when the problem document is what the gateway sends for it.
    public init?(response: Response, synthesizer: ExampleSynthesizer) {
        for media in response.content {
            guard let name = media.mediaType else { continue }
            if let shape = Self.shape(media, name, synthesizer) {
                self = shape
                return
            }
        }
        return nil
    }

    private init(contentType: String, form: Form, textSchema: CompiledSchema? = nil) {
        self.contentType = contentType
        self.form = form
        self.textSchema = textSchema
    }

    private static func shape(_ media: MediaType, _ name: MediaTypeName, _ synthesizer: ExampleSynthesizer) -> Self? {
        let schema = media.schema.flatMap { try? synthesizer.compiler.compile($0) }
        if name.type == "text" && name.subtype != "*" {
            let markup = name.subtype == "html" || name.subtype == "xml"
            return Self(contentType: name.description, form: .text(escaped: markup), textSchema: schema)
        }
        guard name.isJSON else { return nil }
        // A range (`application/*+json`) is answered with the problem type, which lies inside it.
        let isRange = name.type == "*" || name.subtype == "*" || name.subtype.hasPrefix("*+")
        let contentType = isRange ? ProblemDocument.mediaType : name.description
        guard let schema else { return Self(contentType: contentType, form: .problem) }
        let examples = media.examples.compactMap(\.value) + (media.example.map { [$0] } ?? [])
        let template =
            examples.first { schema.isValid($0, options: options) }
            ?? synthesizer.example(for: schema).flatMap { schema.isValid($0, options: options) ? $0 : nil }
        return Self(contentType: contentType, form: .shaped(schema, template: template))
    }

    /// The body to send for `problem`; nil when the contract's shape cannot carry it (the problem document is sent,
    /// as `application/problem+json`).
    public func body(for problem: ProblemDocument) -> [UInt8]? {
        switch form {
        case .text(let escaped):
            let text = escaped ? Self.escaped(problem.detail) : problem.detail
            if let textSchema, !textSchema.isValid(.string(text), options: Self.options) { return nil }
            return Array(text.utf8)
        case .problem:
            return problem.bytes
        case .shaped(let schema, let template):
            let document = problem.jsonValue
            if schema.isValid(document, options: Self.options) { return problem.bytes }
            guard let template else { return nil }
            var overlay = ErrorOverlay(schema: schema, problem: problem)
            return JSONWriter.bytes(overlay.apply(to: template))
        }
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }
}
