import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseValidation
import Testing

/// Every mock the engine serves for the example contracts validates against them: each operation, each declared
/// status (reached with `Prefer: code=`), each media type, each named example, the default and a dynamic answer.
struct MockContractTests {
    struct Spec: Sendable, CustomTestStringConvertible {
        var file: String
        var testDescription: String { file }
        var path: String { MockFixtures.repositoryRoot + "/specs/" + file }
    }

    static let specs = [Spec(file: "petstore.yaml"), Spec(file: "todo.yaml")]

    @Test(arguments: specs)
    func everyServedMockValidates(spec: Spec) throws {
        let model = try #require(try SpecFrontEnd().run(path: spec.path).model)
        let engine = MockEngine(model: model)
        #expect(engine.findings.map(\.message) == [])
        let validator = ResponseValidator(model: model)
        let compiler = SchemaCompiler(document: model.document)
        var failures: [String] = []
        var served = 0
        for operation in model.operations {
            for response in operation.responses {
                let code = Self.code(reaching: response.status, in: operation)
                let mediaTypes: [MediaType?] = response.content.isEmpty ? [nil] : response.content
                for mediaType in mediaTypes {
                    var preferences = ["code=\(code)", "code=\(code), dynamic=true"]
                    for example in mediaType?.examples ?? [] {
                        preferences.append("code=\(code), example=\"\(example.name)\"")
                    }
                    for prefer in preferences {
                        let label = "\(operation.id) \(prefer) \(mediaType?.name ?? "no content")"
                        let outcome = engine.respond(
                            to: operation, accept: mediaType?.name, prefer: prefer,
                            context: MockRequestContext(seed: UInt64(served)))
                        guard case .served(let answer) = outcome else {
                            failures.append("\(label): \(outcome.problem!.detail)")
                            continue
                        }
                        served += 1
                        if answer.status != code { failures.append("\(label): status \(answer.status)") }
                        let issues = validator.validate(
                            status: answer.status, headers: answer.headers, body: answer.body, for: operation)
                        if !issues.isEmpty { failures.append("\(label): \(issues)") }
                        guard let mediaType, let schema = mediaType.schema else {
                            if !answer.body.isEmpty { failures.append("\(label): a body without content") }
                            continue
                        }
                        let body = try JSONParser.parse(answer.body)
                        let schemaIssues = try compiler.compile(schema).validate(
                            body, options: ValidationOptions(direction: .response))
                        if !schemaIssues.isEmpty { failures.append("\(label): \(schemaIssues) in \(body)") }
                    }
                }
            }
        }
        #expect(failures == [])
        #expect(served > 40)
    }

    @Test(arguments: specs)
    func theDefaultAnswerOfEveryOperationValidates(spec: Spec) throws {
        let model = try #require(try SpecFrontEnd().run(path: spec.path).model)
        let engine = MockEngine(model: model)
        let validator = ResponseValidator(model: model)
        for operation in model.operations {
            let outcome = engine.respond(to: operation, accept: nil, prefer: nil)
            let answer = try #require(outcome.problem == nil ? outcome.response : nil, "\(operation.id)")
            #expect((200...299).contains(answer.status), "\(operation.id)")
            let issues = validator.validate(
                status: answer.status, headers: answer.headers, body: answer.body, for: operation)
            #expect(issues == [], "\(operation.id)")
        }
    }

    /// A code that selects `status` among the operation's responses: the code, `N00` for a range, and for `default`
    /// the first code that nothing more specific claims.
    static func code(reaching status: ResponseStatus, in operation: Operation) -> Int {
        switch status {
        case .code(let code): return code
        case .range(let range): return range * 100
        case .default:
            return (500...599).first { operation.response(for: $0)?.status == .default }
                ?? (400...499).first { operation.response(for: $0)?.status == .default } ?? 599
        }
    }
}
