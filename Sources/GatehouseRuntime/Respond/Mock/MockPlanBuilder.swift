import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// Builds the precomputed answers of operations: every example checked against its schema and encoded, one instance
/// synthesized, headers serialized; what cannot be served is reported as a warning rather than served.
struct MockPlanBuilder: Sendable {
    let document: SpecDocument
    let compiler: SchemaCompiler
    let synthesizer: ExampleSynthesizer
    let options = ValidationOptions(direction: .response, maxIssues: 3)

    init(document: SpecDocument) {
        self.document = document
        compiler = SchemaCompiler(document: document)
        synthesizer = ExampleSynthesizer(compiler: compiler, configuration: .init(direction: .response))
    }

    func plan(for operation: Operation, findings: inout [Diagnostic]) -> MockOperationPlan {
        let responses = operation.responses.map { response(operation, $0, findings: &findings) }
        let integration = APIGatewayMockIntegration.make(for: operation, builder: self, findings: &findings)
        return MockOperationPlan(operation: operation, responses: responses, integration: integration)
    }

    func warning(_ rule: String, _ message: String, at address: NodeAddress) -> Diagnostic {
        Diagnostic(
            .warning, rule: rule, message, at: document.location(of: address), pointer: address.pointer)
    }

    /// The schema compiled, or nil with a warning when it does not compile (the `check` command reports why).
    func compiled(_ schema: SchemaReference?, findings: inout [Diagnostic]) -> CompiledSchema? {
        guard let schema else { return nil }
        do {
            return try compiler.compile(schema)
        } catch {
            findings.append(
                warning(
                    "mock-schema", "schema does not compile, so mock values cannot be checked: \(error)",
                    at: schema.address))
            return nil
        }
    }

    /// Why `value` breaks `schema`, or nil when it is valid.
    func violation(_ value: JSONValue, _ schema: CompiledSchema?) -> String? {
        guard let schema else { return nil }
        let issues = schema.validate(value, options: options)
        guard !issues.isEmpty else { return nil }
        return issues.map { "\($0.location.isEmpty ? "/" : $0.location): \($0.message)" }.joined(separator: "; ")
    }

    private func response(_ operation: Operation, _ response: Response, findings: inout [Diagnostic])
        -> MockResponsePlan
    {
        let subject = MockProblem.subject(operation.id, response.status)
        let headers = response.headers.compactMap { header(header: $0, subject: subject, findings: &findings) }
        var media: [MockMediaPlan] = []
        for declared in response.content {
            guard let name = declared.mediaType else { continue }
            media.append(
                self.media(declared, name: name, headers: headers, subject: "\(subject) \(name)", findings: &findings))
        }
        let empty = MockResponse(
            status: MockResponsePlan.naturalStatus(of: response.status),
            headers: headers.map { HeaderField(name: $0.name, value: $0.defaultValue) }, body: [], source: .empty)
        return MockResponsePlan(status: response.status, media: media, empty: empty)
    }

    private func media(
        _ declared: MediaType, name: MediaTypeName, headers: [MockHeaderValues], subject: String,
        findings: inout [Diagnostic]
    ) -> MockMediaPlan {
        let served = MockMediaPlan.servedType(for: name)
        let schema = compiled(declared.schema, findings: &findings)
        let contentType = HeaderField(name: "Content-Type", value: served.description)
        // Values that cannot be written as the media type (an object as XML) are not served.
        func candidate(_ value: JSONValue?, source: MockResponse.Source, example: String?) -> MockMediaPlan.Candidate? {
            let body: [UInt8]
            if let value {
                guard case .success(let bytes) = MockBodyEncoder.encode(value, as: served) else { return nil }
                body = bytes
            } else {
                body = []
            }
            let fields = [contentType] + headers.map { HeaderField(name: $0.name, value: $0.value(for: example)) }
            return MockMediaPlan.Candidate(
                value: value, response: MockResponse(status: 200, headers: fields, body: body, source: source))
        }
        var examples: [String: MockMediaPlan.Candidate] = [:]
        var rejected: [String: String] = [:]
        var firstValid: MockMediaPlan.Candidate?
        for example in declared.examples {
            let reason: String
            if let value = example.value {
                if let violation = violation(value, schema) {
                    reason = "example '\(example.name)' of \(subject) does not match its schema: \(violation)"
                } else if let made = candidate(value, source: .example(example.name), example: example.name) {
                    examples[example.name] = made
                    firstValid = firstValid ?? made
                    continue
                } else {
                    reason = "example '\(example.name)' of \(subject) cannot be served: \(unwritable(value, served))"
                }
            } else {
                reason = "example '\(example.name)' of \(subject) has only an external value, which is not loaded"
            }
            rejected[example.name] = reason
            findings.append(warning("mock-example", reason, at: example.address))
        }
        var primary = firstValid
        var unservable: String?
        var instance: MockInstanceCache?
        if let schema {
            // The instance is synthesized now only when it is the answer; otherwise on the first dynamic request.
            instance = MockInstanceCache(schema: schema, synthesizer: synthesizer)
            if firstValid == nil {
                if let value = instance?.instance {
                    primary = candidate(value, source: .synthesized, example: nil)
                    if primary == nil {
                        unservable =
                            "no example of \(subject) can be served, and a synthesized instance cannot: \(unwritable(value, served))"
                    }
                } else {
                    unservable = "no valid example of \(subject), and no instance of its schema could be synthesized"
                }
            }
        } else if declared.examples.isEmpty {
            // Without a schema any body is valid; an empty one claims nothing the contract does not say.
            primary = candidate(nil, source: .synthesized, example: nil)
        } else if firstValid == nil {
            unservable = "no example of \(subject) can be served"
        }
        if let unservable { findings.append(warning("mock-body", unservable, at: declared.address)) }
        return MockMediaPlan(
            mediaType: name, servedType: served, exampleNames: declared.examples.map(\.name), examples: examples,
            rejectedExamples: rejected, primary: primary, unservableReason: unservable, instance: instance,
            headers: headers.map { HeaderField(name: $0.name, value: $0.defaultValue) })
    }

    /// Why `value` cannot be written as `mediaType`.
    private func unwritable(_ value: JSONValue, _ mediaType: MediaTypeName) -> String {
        if case .failure(.unsupported(let why)) = MockBodyEncoder.encode(value, as: mediaType) { return why }
        return "it cannot be written as '\(mediaType)'"
    }
}
