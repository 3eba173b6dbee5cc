import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

extension MockPlanBuilder {
    /// The values of a declared response header, checked against its schema and serialized; nil (with a warning)
    /// when there is none to send. `Content-Type` is left out, as OpenAPI says it is ignored among headers, and so is
    /// an optional `Preference-Applied`: it says which of the request's `Prefer` preferences were honoured (RFC 7240),
    /// so the engine sends it itself when it honours one, never from an example to a request without `Prefer`.
    func header(header: Header, subject: String, findings: inout [Diagnostic]) -> MockHeaderValues? {
        let name = header.name.lowercased()
        guard name != "content-type", name != "preference-applied" || header.required else { return nil }
        let content = header.content.first
        let schema = compiled(header.schema ?? content?.schema, findings: &findings)
        let examples = header.examples.isEmpty ? (content?.examples ?? []) : header.examples
        func serialized(_ value: JSONValue) -> String? {
            content != nil
                ? MockHeaderSerializer.content(value) : MockHeaderSerializer.simple(value, explode: header.explode)
        }
        var named: [String: String] = [:]
        var first: String?
        for example in examples {
            guard let value = example.value else { continue }
            if let violation = violation(value, schema) {
                findings.append(
                    warning(
                        "mock-example",
                        "example '\(example.name)' of header '\(header.name)' of \(subject) does not match its schema: \(violation)",
                        at: example.address))
                continue
            }
            guard let text = serialized(value) else {
                findings.append(
                    warning(
                        "mock-header",
                        "example '\(example.name)' of header '\(header.name)' of \(subject) cannot be sent as a header value",
                        at: example.address))
                continue
            }
            named[example.name] = text
            first = first ?? text
        }
        if first == nil, let schema, let value = synthesizer.example(for: schema), violation(value, schema) == nil {
            first = serialized(value)
        }
        guard let first else {
            findings.append(
                warning(
                    "mock-header", "no value for header '\(header.name)' of \(subject), so it is not sent",
                    at: header.address))
            return nil
        }
        return MockHeaderValues(name: header.name, defaultValue: first, named: named)
    }
}
