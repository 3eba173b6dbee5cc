import GatehouseJSON
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

    static let specs =
        [
            Spec(path: SchemaTestData.repositoryRoot + "/specs/petstore.yaml"),
            Spec(path: SchemaTestData.repositoryRoot + "/specs/todo.yaml"),
            Spec(path: SchemaTestData.testdata + "/real-world/github.json"),
            Spec(path: SchemaTestData.testdata + "/real-world/stripe.json"),
        ]
        + [
            "v3.0/api-with-examples", "v3.0/callback-example", "v3.0/link-example", "v3.0/petstore-expanded",
            "v3.0/petstore", "v3.0/uspto", "v3.1/non-oauth-scopes", "v3.1/tictactoe", "v3.1/webhook-example",
        ].map { Spec(path: SchemaTestData.testdata + "/openapi-examples/examples/\($0).yaml") }

    @Test(arguments: specs)
    func everySchemaGetsAValidExample(spec: Spec) throws {
        let output = try SpecFrontEnd().run(path: spec.path)
        let model = try #require(output.model)
        let (checked, total, failures) = try Self.synthesizeEverySchema(of: model)
        print("\(spec.testDescription): \(checked) of \(total) schemas synthesized and valid")
        for failure in failures.prefix(20) { print("  \(failure.prefix(400))") }
        #expect(failures.isEmpty)
    }

    /// Every component schema and every media type's schema of `model`: how many got a valid instance, of how many,
    /// and what failed.
    static func synthesizeEverySchema(of model: APIModel) throws -> (checked: Int, total: Int, failures: [String]) {
        let compiler = SchemaCompiler(document: model.document)
        var targets: [(name: String, schema: SchemaReference, direction: ValidationOptions.Direction?)] = []
        for named in model.schemas { targets.append(("components/schemas/\(named.name)", named.schema, nil)) }
        for operation in model.operations {
            for media in operation.requestBody?.content ?? [] {
                if let schema = media.schema {
                    targets.append(("\(operation.id) request \(media.name)", schema, .request))
                }
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
        for target in targets where exceptions[target.name] == nil {
            let synthesizer = ExampleSynthesizer(
                compiler: compiler, configuration: .init(direction: target.direction))
            let compiled = try compiler.compile(target.schema)
            guard let example = synthesizer.example(for: compiled) else {
                failures.append("\(target.name): no example")
                continue
            }
            let options = ValidationOptions(direction: target.direction)
            let issues = compiled.validate(example, options: options)
            if !issues.isEmpty || !compiled.isValid(example, options: options) {
                failures.append("\(target.name): \(issues.prefix(3)) in \(example)")
            }
            checked += 1
        }
        return (checked, targets.count, failures)
    }
}

extension ExampleSynthesizerTests {
    static let contract = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name, code]
              properties:
                id: {type: integer, format: int64, readOnly: true, minimum: 100}
                name: {type: string, minLength: 3, maxLength: 5}
                code: {type: string, pattern: '^[A-Z]{2}-\\d{3}$'}
                price: {type: number, multipleOf: 0.25, exclusiveMinimum: true, minimum: 1}
                born: {type: string, format: date}
                tags: {type: array, minItems: 2, uniqueItems: true, items: {type: string, enum: [a, b, c]}}
            Cat:
              type: object
              required: [kind, lives]
              properties: {kind: {type: string}, lives: {type: integer, minimum: 1, maximum: 9}}
            Dog:
              type: object
              required: [kind, bark]
              properties: {kind: {type: string}, bark: {type: boolean}}
            AnyPet:
              oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
              discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}
            Node:
              type: object
              required: [children]
              properties:
                children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        """

    @Test func examplesFollowTheConstraints() throws {
        let document = try SchemaTestData.document(Self.contract)
        let synthesizer = ExampleSynthesizer(document: document)
        let pet = try #require(try synthesizer.example(for: SchemaTestData.reference("Pet", in: document)))
        #expect(
            pet.description
                == #"{"id":100,"name":"strin","code":"AA-000","price":1.25,"born":"2024-01-15","tags":["a","b"]}"#)
        // Deterministic: the same schema gives the same instance.
        #expect(try synthesizer.example(for: SchemaTestData.reference("Pet", in: document)) == pet)
    }

    @Test func requestsOmitReadOnlyProperties() throws {
        let document = try SchemaTestData.document(Self.contract)
        let synthesizer = ExampleSynthesizer(document: document, configuration: .init(direction: .request))
        let pet = try #require(try synthesizer.example(for: SchemaTestData.reference("Pet", in: document)))
        #expect(pet["id"] == nil)
    }

    @Test func discriminatorValueIsSet() throws {
        let document = try SchemaTestData.document(Self.contract)
        let pet = try ExampleSynthesizer(document: document).example(
            for: SchemaTestData.reference("AnyPet", in: document))
        #expect(pet?.description == #"{"kind":"cat","lives":1}"#)
    }

    @Test func recursionStopsAtTheDepthLimit() throws {
        let document = try SchemaTestData.document(Self.contract)
        let node = try ExampleSynthesizer(document: document).example(
            for: SchemaTestData.reference("Node", in: document))
        #expect(node != nil)
    }
}
