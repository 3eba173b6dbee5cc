public import GatehouseSpec

/// The `unsatisfiable-schema` rule of `gatehouse check`: every response body the contract documents must have a value
/// that honours it, or the mock (and any server) can never answer with that response. A media type with a valid
/// example passes; otherwise the example synthesizer must find an instance of its schema.
///
/// The synthesizer covers every schema of the GitHub and Stripe descriptions and of the OpenAPI examples; a schema it
/// finds no instance for is one whose constraints contradict each other (`minLength` above `maxLength`, a required
/// member that `additionalProperties: false` forbids) or lie beyond it, and either way the author is told to fix the
/// schema or add an example, at `check` time rather than by a 500 at request time.
public struct SatisfiabilityChecker: Sendable {
    public let model: APIModel
    let synthesizer: ExampleSynthesizer

    public init(model: APIModel) {
        self.model = model
        self.synthesizer = ExampleSynthesizer(document: model.document, configuration: .init(direction: .response))
    }

    public func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen = Set<NodeAddress>()
        let options = ValidationOptions(direction: .response, maxIssues: 1)
        for operation in model.operations {
            for response in operation.responses {
                for media in response.content {
                    guard let schema = media.schema, seen.insert(media.address).inserted,
                        let compiled = try? synthesizer.compiler.compile(schema)
                    else { continue }
                    let examples = media.examples.compactMap(\.value) + (media.example.map { [$0] } ?? [])
                    if examples.contains(where: { compiled.isValid($0, options: options) }) { continue }
                    if let instance = synthesizer.example(for: compiled), compiled.isValid(instance, options: options) {
                        continue
                    }
                    diagnostics.append(
                        Diagnostic(
                            .unsatisfiableSchema,
                            "no value honours the schema of '\(operation.id)' \(response.status) '\(media.name)': it has no valid example and none could be generated; fix contradicting constraints or add an example",
                            at: model.document.location(of: media.address, key: true),
                            pointer: media.address.pointer,
                            notes: [
                                Diagnostic.Note(
                                    "the schema is at '\(compiled.address.pointer.fragment)'",
                                    at: model.document.location(of: compiled.address))
                            ]
                        ))
                }
            }
        }
        return diagnostics
    }
}
