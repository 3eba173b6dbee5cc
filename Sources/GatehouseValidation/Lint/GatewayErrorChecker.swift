public import GatehouseJSON
public import GatehouseSpec

/// The `gateway-errors` rule of `gatehouse check`: for each status the gateway answers by itself (400 from request
/// validation or a repeated API key, 401/403 from security, 413/415 for bodies, 429 from usage plans), the response the contract
/// documents for it (the exact status, else its range, else `default`) must be able to carry the gateway's error:
/// the gateway writes it in that response's media type and schema (`DocumentedErrorShape`: the problem document
/// when the schema accepts it, else the contract's own error value with the status and message written in, or the
/// detail as `text/plain`). A response it cannot be written in (only XML or HTML, or a schema that rejects the problem
/// document and has no valid example or instance) is reported: the gateway answers it with
/// `application/problem+json`, which a generated client, decoding the documented schema, fails on.
///
/// A status the contract does not document at all is not reported: clients get it as an undocumented answer, with
/// the raw body. A documented response without content is not reported either: a client reads no body from it.
///
/// It lives here rather than with the lint rules of GatehouseSpec because it validates sample problem documents
/// against the response schemas, which takes the schema compiler.
public struct GatewayErrorChecker: Sendable {
    public let model: APIModel
    let compiler: SchemaCompiler

    let synthesizer: ExampleSynthesizer

    public init(model: APIModel) {
        self.model = model
        self.compiler = SchemaCompiler(document: model.document)
        self.synthesizer = ExampleSynthesizer(compiler: compiler, configuration: .init(direction: .response))
    }

    /// A status the gateway may answer an operation with, and the problem documents it sends then.
    struct GatewayStatus {
        var status: Int
        /// Why the gateway sends it (`request validation`), for the message.
        var reason: String
        var samples: [ProblemDocument]
    }

    /// What is wrong with a documented response.
    struct Finding: Hashable {
        var response: NodeAddress
        /// What the contract documents instead, for the message.
        var documented: String
        /// Where the schema keyword that rejects the problem document is.
        var keyword: NodeAddress?
        var keywordName: String?

        /// Findings with the same cause are reported once: responses (inline in each operation, or shared) whose
        /// schema is rejected by the same keyword, or the same response.
        var cause: Cause { Cause(documented: documented, place: keyword ?? response) }
    }

    struct Cause: Hashable {
        var documented: String
        var place: NodeAddress
    }

    public func check() -> [Diagnostic] {
        var order: [Cause] = []
        var first: [Cause: Finding] = [:]
        // Per cause, every response with it, in the order they came up.
        var responses: [Cause: [NodeAddress]] = [:]
        // Per cause, the operations of each status, in the order they came up.
        var answers: [Cause: [Int: (reason: String, operations: [String])]] = [:]
        var verdicts: [String: Finding?] = [:]
        for operation in model.operations {
            for gatewayStatus in self.statuses(of: operation) {
                guard let response = operation.response(for: gatewayStatus.status) else { continue }
                let key = "\(response.address.file)#\(response.address.pointer.string)#\(gatewayStatus.status)"
                let verdict: Finding?
                if let known = verdicts[key] {
                    verdict = known
                } else {
                    verdict = check(response, against: gatewayStatus.samples)
                    verdicts[key] = verdict
                }
                guard let finding = verdict else { continue }
                let cause = finding.cause
                if first[cause] == nil {
                    order.append(cause)
                    first[cause] = finding
                }
                if !(responses[cause] ?? []).contains(finding.response) {
                    responses[cause, default: []].append(finding.response)
                }
                answers[cause, default: [:]][gatewayStatus.status, default: (gatewayStatus.reason, [])].operations
                    .append(operation.id)
            }
        }
        return order.compactMap { cause in
            first[cause].map {
                diagnostic($0, answers: answers[cause] ?? [:], others: Array((responses[cause] ?? []).dropFirst()))
            }
        }
    }

    /// Nil when the gateway can answer every sample in the response's documented shape (or it documents no
    /// content); else what it documents instead.
    func check(_ response: Response, against samples: [ProblemDocument]) -> Finding? {
        guard !response.content.isEmpty else { return nil }
        if let shape = DocumentedErrorShape(response: response, synthesizer: synthesizer),
            samples.allSatisfy({ shape.body(for: $0) != nil })
        {
            return nil
        }
        let names = response.content.map { "'\($0.name)'" }.joined(separator: ", ")
        guard let mediaType = Self.problemMediaType(in: response.content) else {
            return Finding(response: response.address, documented: "only \(names), which is not JSON")
        }
        guard let schema = mediaType.schema else { return nil }
        let compiled: CompiledSchema
        do {
            compiled = try compiler.compile(schema)
        } catch {
            return nil  // An unusable schema is the structure rules' to report.
        }
        for sample in samples {
            let issues = compiled.validate(sample.jsonValue, options: ValidationOptions(direction: .response))
            guard let issue = issues.first else { continue }
            let place = issue.location.isEmpty ? "" : " at '\(issue.location)'"
            return Finding(
                response: response.address,
                documented:
                    "'\(mediaType.name)' with a schema that rejects it\(place): \(issue.message), and neither an example nor a generated instance of it is valid to write the error into",
                keyword: issue.schemaLocation,
                keywordName: issue.keyword
            )
        }
        return nil
    }

    /// The media type a client reads a problem document with: `application/problem+json`, else `application/json`
    /// or another JSON type, else a wildcard.
    static func problemMediaType(in content: [GatehouseSpec.MediaType]) -> GatehouseSpec.MediaType? {
        func essence(_ mediaType: GatehouseSpec.MediaType) -> String? { mediaType.mediaType?.essence.lowercased() }
        return content.first { essence($0) == ProblemDocument.mediaType }
            ?? content.first { essence($0) == "application/json" }
            ?? content.first { $0.mediaType?.isJSON == true }
            ?? content.first { ["*/*", "application/*"].contains(essence($0)) }
    }

    /// `answers`: per status, why the gateway sends it and to which operations; `others`: the other responses with
    /// the same cause, each shown in a note (the first three).
    func diagnostic(
        _ finding: Finding, answers: [Int: (reason: String, operations: [String])], others: [NodeAddress]
    ) -> Diagnostic {
        // Statuses sent to the same operations share a clause: "'a' and 'b' with 400 (…) and 403 (…)".
        var clauses: [(operations: [String], statuses: [String])] = []
        for status in answers.keys.sorted() {
            guard let answer = answers[status] else { continue }
            let described = "\(status) (\(answer.reason))"
            if let index = clauses.firstIndex(where: { $0.operations == answer.operations }) {
                clauses[index].statuses.append(described)
            } else {
                clauses.append((answer.operations, [described]))
            }
        }
        let sent = clauses.map { clause in
            "\(Self.operations(clause.operations)) with \(Self.list(clause.statuses))"
        }
        let what =
            sent.count > 1 ? sent.dropLast().joined(separator: ", ") + ", and " + (sent.last ?? "") : sent.joined()
        var notes: [Diagnostic.Note] = others.prefix(3).map { other in
            Diagnostic.Note(
                "the response at '\(other.pointer.fragment)' documents the same",
                at: model.document.location(of: other, key: true))
        }
        if others.count > 3 { notes.append(Diagnostic.Note("and \(others.count - 3) more responses")) }
        if let keyword = finding.keyword, let name = finding.keywordName {
            notes.append(
                Diagnostic.Note(
                    "'\(name)' is declared at '\(keyword.pointer.fragment)'", at: model.document.location(of: keyword)))
        }
        return Diagnostic(
            .gatewayErrors,
            "the gateway answers \(what) as '\(ProblemDocument.mediaType)'; the response documents "
                + finding.documented,
            at: model.document.location(of: finding.response, key: true),
            pointer: finding.response.pointer,
            notes: notes
        )
    }

    /// `'a'`, `'a' and 'b'`, …, and past five `'a', 'b', 'c', 'd', 'e' and 7 more operations`.
    static func operations(_ ids: [String]) -> String {
        let quoted = ids.map { "'\($0)'" }
        let shown = 5
        guard quoted.count > shown + 1 else { return list(quoted) }
        return quoted.prefix(shown).joined(separator: ", ") + " and \(quoted.count - shown) more operations"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
