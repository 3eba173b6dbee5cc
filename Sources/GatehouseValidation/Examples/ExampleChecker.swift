public import GatehouseJSON
public import GatehouseSpec

/// Checks that every example of a document is valid against its schema: media-type, parameter and header examples
/// (`example` and each named `examples` entry), and the `example`/`examples` of component schemas.
///
/// This is the `example` rule of `gatehouse check`. Each problem is reported at the example, with a note at the
/// schema keyword that rejects it.
public struct ExampleChecker: Sendable {
    public let model: APIModel
    let compiler: SchemaCompiler
    /// How many issues of one example are reported; the rest are summarized in the last message.
    public var maxIssuesPerExample = 3

    public init(model: APIModel) {
        self.model = model
        self.compiler = SchemaCompiler(document: model.document)
    }

    public func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen = Set<NodeAddress>()
        func visit(_ examples: [Example], schema: SchemaReference?, direction: ValidationOptions.Direction?) {
            guard let schema else { return }
            for example in examples where seen.insert(example.address).inserted {
                guard let value = example.value else { continue }
                diagnostics += check(
                    value, at: example.address, name: example.name, schema: schema, direction: direction)
            }
        }
        func visit(_ content: [MediaType], direction: ValidationOptions.Direction) {
            for mediaType in content { visit(mediaType.examples, schema: mediaType.schema, direction: direction) }
        }
        for operation in model.operations + model.webhooks {
            for parameter in operation.parameters {
                visit(parameter.examples, schema: parameter.schema, direction: .request)
                visit(parameter.content, direction: .request)
            }
            visit(operation.requestBody?.content ?? [], direction: .request)
            for response in operation.responses {
                visit(response.content, direction: .response)
                for header in response.headers {
                    visit(header.examples, schema: header.schema, direction: .response)
                    visit(header.content, direction: .response)
                }
            }
        }
        for named in model.schemas {
            for example in schemaExamples(named.schema.address) where seen.insert(example.address).inserted {
                diagnostics += check(
                    example.value,
                    at: example.address,
                    name: example.name,
                    schema: named.schema,
                    direction: nil
                )
            }
        }
        return diagnostics
    }

    /// A component schema's own `example` (3.0) and `examples` entries (3.1).
    func schemaExamples(_ address: NodeAddress) -> [(name: String, value: JSONValue, address: NodeAddress)] {
        guard let schema = model.document.value(at: address)?.objectValue else { return [] }
        var result: [(String, JSONValue, NodeAddress)] = []
        if let example = schema["example"] { result.append(("example", example, address.appending("example"))) }
        if model.version.isOpenAPI31, let examples = schema["examples"]?.arrayValue {
            for (index, example) in examples.enumerated() {
                result.append(("examples[\(index)]", example, address.appending("examples").appending(index)))
            }
        }
        return result
    }

    func check(
        _ value: JSONValue,
        at address: NodeAddress,
        name: String,
        schema: SchemaReference,
        direction: ValidationOptions.Direction?
    ) -> [Diagnostic] {
        let compiled: CompiledSchema
        do {
            compiled = try compiler.compile(schema)
        } catch {
            return []  // An unusable schema is the structure rules' to report.
        }
        let issues = compiled.validate(value, options: ValidationOptions(direction: direction))
        let location = model.document.location(of: address)
        var diagnostics: [Diagnostic] = []
        for issue in issues.prefix(maxIssuesPerExample) {
            let place = issue.location.isEmpty ? "" : " at '\(issue.location)'"
            var notes: [Diagnostic.Note] = []
            if let keyword = issue.schemaLocation {
                notes.append(
                    Diagnostic.Note(
                        "'\(issue.keyword)' is declared at '\(keyword.pointer.fragment)'",
                        at: model.document.location(of: keyword)
                    )
                )
            }
            diagnostics.append(
                Diagnostic(
                    .example,
                    "example '\(name)' does not match its schema\(place): \(issue.message)",
                    at: location,
                    pointer: address.pointer,
                    notes: notes
                )
            )
        }
        if issues.count > maxIssuesPerExample {
            diagnostics[diagnostics.count - 1].message += " (and \(issues.count - maxIssuesPerExample) more)"
        }
        return diagnostics
    }
}
