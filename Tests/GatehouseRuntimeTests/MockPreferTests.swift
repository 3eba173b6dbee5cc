import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseValidation
import Testing

/// `Prefer` is parsed as RFC 7240 says, and each preference the engine understands changes the answer.
struct MockPreferTests {
    struct ParseCase: Sendable, CustomTestStringConvertible {
        var header: String
        /// `name=value` or `name` per preference, parameters as `;name=value`.
        var parsed: [String]
        var testDescription: String { header.isEmpty ? "(empty)" : header }
    }

    static let parseCases = [
        ParseCase(header: "code=404", parsed: ["code=404"]),
        ParseCase(header: "code=404, example=notFound", parsed: ["code=404", "example=notFound"]),
        ParseCase(header: "CODE = 404 ,example=x", parsed: ["code=404", "example=x"]),
        ParseCase(header: #"example="not, found""#, parsed: ["example=not, found"]),
        ParseCase(header: #"example="say \"hi\"\\""#, parsed: [#"example=say "hi"\"#]),
        ParseCase(header: "respond-async, wait=10", parsed: ["respond-async", "wait=10"]),
        ParseCase(header: "return=minimal; foo=\"a;b\"; bar", parsed: ["return=minimal;foo=a;b;bar"]),
        ParseCase(header: "code=404, code=500", parsed: ["code=404"]),
        ParseCase(header: "example=, dynamic", parsed: ["example=", "dynamic"]),
        ParseCase(header: "=oops, code=201", parsed: ["code=201"]),
        ParseCase(header: #"example="unclosed, code=201"#, parsed: []),
        ParseCase(header: "code=4 04, dynamic=true", parsed: ["dynamic=true"]),
        ParseCase(header: ",,, code=200,,", parsed: ["code=200"]),
        ParseCase(header: "", parsed: []),
    ]

    @Test(arguments: parseCases)
    func preferIsParsedAsRFC7240Says(row: ParseCase) {
        let rendered = PreferHeader(row.header).preferences.map { preference in
            var text = preference.value.map { "\(preference.name)=\($0)" } ?? preference.name
            for parameter in preference.parameters {
                text += ";" + (parameter.value.map { "\(parameter.name)=\($0)" } ?? parameter.name)
            }
            return text
        }
        #expect(rendered == row.parsed)
    }

    @Test
    func aPreferenceIsWrittenBackQuotedWhenItIsNotAToken() {
        #expect(PreferHeader.Preference(name: "example", value: "with space").description == #"example="with space""#)
        #expect(PreferHeader.Preference(name: "code", value: "404").description == "code=404")
        #expect(PreferHeader.Preference(name: "dynamic").description == "dynamic")
    }

    struct ServeCase: Sendable, CustomTestStringConvertible {
        var prefer: String
        var status: Int
        var body: String
        var applied: String?
        var testDescription: String { prefer }
    }

    static let serveCases = [
        ServeCase(prefer: "example=cat", status: 200, body: #"{"id":2,"name":"Tom"}"#, applied: "example=cat"),
        ServeCase(
            prefer: #"example="with space""#, status: 200, body: #"{"id":3,"name":"Space"}"#,
            applied: #"example="with space""#),
        ServeCase(
            prefer: "code=404", status: 404, body: #"{"title":"Not Found"}"#, applied: "code=404"),
        ServeCase(
            prefer: "code=404, example=notFound", status: 404, body: #"{"title":"Not Found"}"#,
            applied: "code=404, example=notFound"),
        ServeCase(prefer: "return=minimal", status: 200, body: #"{"id":1,"name":"Fido"}"#, applied: nil),
        ServeCase(prefer: "dynamic=false", status: 200, body: #"{"id":1,"name":"Fido"}"#, applied: nil),
        ServeCase(prefer: "code=503", status: 503, body: #"{"code":500}"#, applied: "code=503"),
    ]

    @Test(arguments: serveCases)
    func eachPreferenceChangesTheAnswer(row: ServeCase) throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        let accept = row.status == 404 ? "application/problem+json" : nil
        let outcome = engine.respond(to: operation, accept: accept, prefer: row.prefer)
        let response = try #require(outcome.problem == nil ? outcome.response : nil, "\(outcome)")
        #expect(response.status == row.status)
        #expect(MockFixtures.text(response) == row.body)
        #expect(response.header("Preference-Applied") == row.applied)
    }

    @Test
    func dynamicAnswersVaryWithTheSeedAndStayValid() throws {
        let model = try MockFixtures.model()
        let engine = MockEngine(model: model)
        let operation = try #require(model.operation(id: "onlyRange"))
        let compiled = try SchemaCompilerFixture.schema(named: "Pet", in: model)
        var bodies: Set<String> = []
        for seed in 0..<8 {
            let outcome = engine.respond(
                to: operation, accept: nil, prefer: "dynamic=true", context: MockRequestContext(seed: UInt64(seed)))
            let response = try #require(outcome.problem == nil ? outcome.response : nil)
            #expect(response.source == .dynamic)
            #expect(response.header("Preference-Applied") == "dynamic=true")
            #expect(response.header("Content-Type") == "application/json")
            let value = try JSONParser.parse(response.body)
            #expect(compiled(value) == [], "\(value)")
            bodies.insert(MockFixtures.text(response))
        }
        #expect(bodies.count >= 6)
        let again = engine.respond(
            to: operation, accept: nil, prefer: "dynamic", context: MockRequestContext(seed: 3))
        let same = engine.respond(
            to: operation, accept: nil, prefer: "dynamic=true", context: MockRequestContext(seed: 3))
        #expect(again.response.body == same.response.body)
        let fixed = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(fixed.source == .synthesized)
    }

    @Test
    func oneEngineAnswersFromManyTasksAtOnce() async throws {
        let model = try MockFixtures.model()
        let engine = MockEngine(model: model)
        let operation = try #require(model.operation(id: "showPet"))
        let valid = try SchemaCompilerFixture.schema(named: "Pet", in: model)
        let statuses = await withTaskGroup(of: [String].self) { group in
            for task in 0..<32 {
                group.addTask {
                    let prefer = task.isMultiple(of: 2) ? "dynamic=true" : "code=418, dynamic"
                    let response = engine.respond(to: operation, accept: nil, prefer: prefer).response
                    guard let value = try? JSONParser.parse(response.body) else { return ["not JSON"] }
                    return valid(value) + (response.source == .dynamic ? [] : ["\(response.source)"])
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(statuses == [])
    }

    @Test
    func anExampleWinsOverDynamic() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        let response = engine.respond(to: operation, accept: nil, prefer: "dynamic=true, example=cat").response
        #expect(response.source == .example("cat"))
        #expect(response.header("Preference-Applied") == "example=cat")
    }

    @Test
    func theHeaderExampleNamedLikeTheBodyExampleIsSentWithIt() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        #expect(
            engine.respond(to: operation, accept: nil, prefer: "example=dog").response.header("X-Mood") == "wagging")
        #expect(
            engine.respond(to: operation, accept: nil, prefer: "example=cat").response.header("X-Mood") == "purring")
        #expect(engine.respond(to: operation, accept: nil, prefer: nil).response.header("X-Mood") == "wagging")
    }

    /// A contract that declares `Preference-Applied` among its response headers (as PostgREST-style APIs do): the
    /// engine sends it only when it honoured a preference, never from the example to a request without `Prefer`.
    @Test
    func preferenceAppliedIsSentOnlyForAPreferenceHonoured() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: prefer, version: '1'}
            paths:
              /rows:
                get:
                  operationId: rows
                  responses:
                    '200':
                      description: ok
                      headers:
                        Preference-Applied: {schema: {type: string}, example: return=representation}
                      content: {application/json: {schema: {type: array, items: {type: integer}}, example: [1]}}
            """
        let (engine, operation) = try MockFixtures.engine(operation: "rows", spec: spec)
        #expect(engine.respond(to: operation, accept: nil, prefer: nil).response.header("Preference-Applied") == nil)
        #expect(
            engine.respond(to: operation, accept: nil, prefer: "dynamic=true").response.header("Preference-Applied")
                == "dynamic=true")
    }

    struct ProblemCase: Sendable, CustomTestStringConvertible {
        var operationId = "showPet"
        var prefer: String
        var accept: String?
        var status: Int
        var detail: String
        var testDescription: String { prefer }
    }

    static let problemCases = [
        ProblemCase(
            operationId: "errorsOnly", prefer: "code=418", status: 400,
            detail: "status 418 is not declared for 'errorsOnly' (declared: 404, 500)"),
        ProblemCase(
            prefer: "code=abc", status: 400,
            detail: "preference 'code=abc' is not valid: expected a status code from 200 to 599"),
        ProblemCase(
            prefer: "code=101", status: 400,
            detail: "preference 'code=101' is not valid: expected a status code from 200 to 599"),
        ProblemCase(
            prefer: "dynamic=maybe", status: 400,
            detail: "preference 'dynamic=maybe' is not valid: expected 'true' or 'false'"),
        ProblemCase(
            prefer: "example=bird", status: 400,
            detail: "no example named 'bird' for 'showPet' 200 application/json (examples: dog, cat, with space)"),
        ProblemCase(
            prefer: "code=418, example=dog", status: 400,
            detail: "no example named 'dog' for 'showPet' 4XX application/json (examples: none)"),
        ProblemCase(
            operationId: "createPet", prefer: "code=202, example=x", status: 400,
            detail: "no example named 'x' for 'createPet' 202 (no content) (examples: none)"),
    ]

    @Test(arguments: problemCases)
    func aPreferenceTheContractCannotMeetIsAProblem(row: ProblemCase) throws {
        let (engine, operation) = try MockFixtures.engine(operation: row.operationId)
        let problem = try #require(engine.respond(to: operation, accept: row.accept, prefer: row.prefer).problem)
        #expect(problem.status == row.status)
        #expect(problem.detail == row.detail)
    }
}

/// Compiles component schemas of a fixture into a validation function.
enum SchemaCompilerFixture {
    static func schema(named name: String, in model: APIModel) throws -> @Sendable (JSONValue) -> [String] {
        let reference = try #require(model.schemas.first { $0.name == name }?.schema)
        let compiled = try GatehouseValidation.SchemaCompiler(document: model.document).compile(reference)
        return { value in
            compiled.validate(value, options: .init(direction: .response)).map(\.description)
        }
    }
}
