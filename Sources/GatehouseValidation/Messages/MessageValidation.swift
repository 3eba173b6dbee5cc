public import GatehouseSpec

/// What request and response validation share: one schema compiler for the document, and the step that checks a
/// decoded value against its schema and places the issues in the message (`query.limit`, `body/items/3`).
struct MessageValidation: Sendable {
    let document: SpecDocument
    let compiler: SchemaCompiler
    let options: ValidationOptions

    init(document: SpecDocument, options: ValidationOptions) {
        self.document = document
        self.compiler = SchemaCompiler(document: document)
        self.options = options
    }

    /// Validates `value` against `schema`; issue locations are `prefix` followed by the instance pointer.
    func check(
        _ value: JSONValue,
        against schema: SchemaReference,
        at prefix: String,
        direction: ValidationOptions.Direction
    ) -> [ValidationIssue] {
        var options = options
        options.direction = direction
        let compiled: CompiledSchema
        do {
            compiled = try compiler.compile(schema)
        } catch {
            return [
                ValidationIssue(
                    location: prefix,
                    keyword: "schema",
                    schemaLocation: schema.address,
                    message: "the schema cannot be used for validation: \(error)"
                )
            ]
        }
        return compiled.validate(value, options: options).map { issue in
            var placed = issue
            placed.location = prefix + issue.location
            return placed
        }
    }

    /// The schema that describes a parameter or header: its `schema`, or that of its single `content` entry.
    static func schema(of schema: SchemaReference?, content: [MediaType]) -> SchemaReference? {
        schema ?? content.first?.schema
    }
}
