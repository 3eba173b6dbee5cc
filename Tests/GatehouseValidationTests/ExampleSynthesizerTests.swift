import GatehouseSpec
import GatehouseValidation
import Testing

/// Synthesized examples are valid against their schema: for every component schema and every media-type schema of
/// the example contracts and of the GitHub spec, in both directions.
struct ExampleSynthesizerTests {
    /// Schemas for which no valid instance is expected, with the reason. Empty: every schema gets a valid example.
    static let exceptions: [String: String] = [:]

    struct Spec: Sendable, CustomTestStringConvertible {
        var path: String
        var testDescription: String { path.split(separator: "/").last.map(String.init) ?? path }
    }

    static let specs = [
        Spec(path: SchemaTestData.repositoryRoot + "/specs/petstore.yaml"),
        Spec(path: SchemaTestData.repositoryRoot + "/specs/todo.yaml"),
        Spec(path: SchemaTestData.testdata + "/real-world/github.json"),
    ]

    @Test(arguments: specs)
    func everySchemaGetsAValidExample(spec: Spec) throws {
        let output = try SpecFrontEnd().run(path: spec.path)
        let model = try #require(output.model)
        let compiler = SchemaCompiler(document: model.document)
        var targets: [(name: String, schema: SchemaReference, direction: ValidationOptions.Direction?)] = []
        for named in model.schemas { targets.append(("components/schemas/\(named.name)", named.schema, nil)) }
        for operation in model.operations {
            for media in operation.requestBody?.content ?? [] {
                if let schema = media.schema { targets.append(("\(operation.id) request \(media.name)", schema, .request)) }
            }
            for response in operation.responses {
                for media in response.content {
                    if let schema = media.schema {
                        targets.append(("\(operation.id) \(response.status) \(media.name)", schema, .response))
                    }
                }
            }
        }
        var failures: [String] = []
        var checked = 0
        for target in targets where Self.exceptions[target.name] == nil {
            let synthesizer = ExampleSynthesizer(
                compiler: compiler, configuration: .init(direction: target.direction))
            let compiled = try compiler.compile(target.schema)
            guard let example = synthesizer.example(for: compiled) else {
                failures.append("\(target.name): no example")
                continue
            }
            let issues = compiled.validate(example, options: ValidationOptions(direction: target.direction))
            if !issues.isEmpty { failures.append("\(target.name): \(issues.prefix(3)) in \(example)") }
            checked += 1
        }
        print("\(spec.testDescription): \(checked) of \(targets.count) schemas synthesized and valid")
        for failure in failures.prefix(20) { print("  \(failure.prefix(400))") }
        #expect(failures.isEmpty)
    }
}
