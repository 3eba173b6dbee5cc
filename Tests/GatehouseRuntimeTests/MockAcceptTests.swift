import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import Testing

/// `Accept` negotiation as RFC 9110 describes it, and what the engine answers when nothing fits.
struct MockAcceptTests {
    struct NegotiationCase: Sendable, CustomTestStringConvertible {
        var accept: String
        var available: [String]
        var chosen: Int?
        var testDescription: String { "\(accept) over \(available)" }
    }

    static let negotiationCases = [
        NegotiationCase(accept: "application/json", available: ["application/json", "application/xml"], chosen: 0),
        NegotiationCase(accept: "application/xml", available: ["application/json", "application/xml"], chosen: 1),
        NegotiationCase(accept: "APPLICATION/XML", available: ["application/json", "application/xml"], chosen: 1),
        NegotiationCase(
            accept: "application/xml;q=0.5, application/json", available: ["application/xml", "application/json"],
            chosen: 1),
        NegotiationCase(
            accept: "*/*;q=0.1, application/xml", available: ["application/json", "application/xml"], chosen: 1),
        NegotiationCase(accept: "text/*", available: ["application/json", "text/plain"], chosen: 1),
        NegotiationCase(
            accept: "application/*;q=0.2, application/xml;q=0", available: ["application/xml", "application/json"],
            chosen: 1),
        NegotiationCase(
            accept: "application/json, application/xml", available: ["application/xml", "application/json"], chosen: 0),
        NegotiationCase(accept: "text/plain", available: ["text/plain; charset=utf-8"], chosen: 0),
        NegotiationCase(accept: "text/plain; charset=UTF-8", available: ["text/plain; charset=utf-8"], chosen: 0),
        NegotiationCase(accept: "text/plain; format=flowed", available: ["text/plain"], chosen: nil),
        NegotiationCase(accept: "image/png", available: ["application/json"], chosen: nil),
        NegotiationCase(accept: "application/json;q=0", available: ["application/json"], chosen: nil),
        NegotiationCase(accept: "application/json;q=0.001", available: ["application/json"], chosen: 0),
        NegotiationCase(accept: "text/html", available: ["application/json", "text/*"], chosen: 1),
        NegotiationCase(accept: "application/problem+json", available: ["application/*+json"], chosen: 0),
        NegotiationCase(accept: "application/json;q=0, text/csv", available: ["application/json", "*/*"], chosen: 1),
        // Nothing parses: the header is disregarded, as RFC 9110 allows.
        NegotiationCase(accept: "garbage", available: ["application/json"], chosen: 0),
        NegotiationCase(accept: "application/json;q=2", available: ["application/xml"], chosen: 0),
        NegotiationCase(accept: "application/json;q=0.5000", available: ["application/xml"], chosen: 0),
    ]

    @Test(arguments: negotiationCases)
    func theMostSpecificRangeGivesTheWeight(row: NegotiationCase) {
        let available = row.available.compactMap(MediaTypeName.init)
        #expect(AcceptHeader(row.accept).negotiate(available) == row.chosen)
    }

    struct ServeCase: Sendable, CustomTestStringConvertible {
        var operationId = "showPet"
        var accept: String?
        var contentType: String?
        var body: String
        var testDescription: String { "\(operationId) Accept: \(accept ?? "(none)")" }
    }

    static let serveCases = [
        ServeCase(accept: nil, contentType: "application/json", body: #"{"id":1,"name":"Fido"}"#),
        ServeCase(accept: "*/*", contentType: "application/json", body: #"{"id":1,"name":"Fido"}"#),
        ServeCase(accept: "application/xml", contentType: "application/xml", body: "<pet><id>1</id></pet>"),
        ServeCase(accept: "text/plain", contentType: "text/plain; charset=utf-8", body: "Fido"),
        ServeCase(
            accept: "application/json;q=0, */*", contentType: "application/xml", body: "<pet><id>1</id></pet>"),
        ServeCase(
            accept: "text/html;q=0.9, text/plain;q=0.8", contentType: "text/plain; charset=utf-8", body: "Fido"),
        ServeCase(operationId: "createPet", accept: "text/html", contentType: nil, body: ""),
        ServeCase(operationId: "anything", accept: nil, contentType: "text/plain", body: "hello"),
        ServeCase(operationId: "anything", accept: "text/html", contentType: "text/html", body: "hello"),
        ServeCase(operationId: "anything", accept: "image/png", contentType: "image/png", body: "bytes"),
        ServeCase(operationId: "anything", accept: "image/*", contentType: "application/json", body: #""bytes""#),
        ServeCase(operationId: "anything", accept: "text/html;q=0, text/csv", contentType: "text/csv", body: "hello"),
    ]

    @Test(arguments: serveCases)
    func theNegotiatedMediaTypeIsServed(row: ServeCase) throws {
        let (engine, operation) = try MockFixtures.engine(operation: row.operationId)
        let outcome = engine.respond(to: operation, accept: row.accept, prefer: nil)
        let response = try #require(outcome.problem == nil ? outcome.response : nil, "\(outcome)")
        #expect(response.header("Content-Type") == row.contentType)
        #expect(MockFixtures.text(response) == row.body)
    }

    @Test
    func nothingAcceptableIsA406ListingTheAvailableTypes() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        let outcome = engine.respond(to: operation, accept: "text/html, image/*", prefer: nil)
        let problem = try #require(outcome.problem)
        #expect(problem.status == 406)
        let available = ["application/json", "application/xml", "text/plain; charset=utf-8"]
        #expect(problem.kind == .notAcceptable(accept: "text/html, image/*", available: available))
        #expect(
            problem.detail
                == "no media type of 'showPet' 200 is acceptable to 'Accept: text/html, image/*' (available: application/json, application/xml, text/plain; charset=utf-8)"
        )
        let body = try JSONParser.parse(outcome.response.body)
        #expect(body["availableMediaTypes"] == .array(available.map(JSONValue.string)))
    }

    /// A declared type the gateway cannot write (MessagePack for an object) is never chosen: the client gets a type
    /// it can write, or 406 listing those, never a 500.
    @Test(arguments: [
        ("application/x-msgpack", 406, "application/problem+json"),
        ("application/x-msgpack, application/json;q=0.5", 200, "application/json"),
        ("*/*", 200, "application/json"),
        ("application/*", 200, "application/json"),
    ])
    func aDeclaredTypeThatCannotBeWrittenIsNotChosen(accept: String, status: Int, contentType: String) throws {
        let spec = """
            openapi: 3.1.0
            info: {title: packed, version: '1'}
            paths:
              /packed:
                get:
                  operationId: packed
                  responses:
                    '200':
                      description: ok
                      content:
                        application/x-msgpack: {schema: {$ref: '#/components/schemas/Pet'}}
                        application/json: {schema: {$ref: '#/components/schemas/Pet'}}
            components:
              schemas:
                Pet: {type: object, required: [id], properties: {id: {type: integer}}}
            """
        let (engine, operation) = try MockFixtures.engine(operation: "packed", spec: spec)
        let response = engine.respond(to: operation, accept: accept, prefer: nil).response
        #expect(response.status == status)
        #expect(response.header("Content-Type") == contentType)
        if status == 406 {
            let body = try JSONParser.parse(response.body)
            #expect(body["availableMediaTypes"] == .array([.string("application/json")]))
        }
        let unsent = engine.respond(to: operation, accept: nil, prefer: nil).response
        #expect(unsent.header("Content-Type") == "application/json")
    }

    @Test
    func negotiationHappensForTheStatusAskedFor() throws {
        let (engine, operation) = try MockFixtures.engine(operation: "showPet")
        let refused = engine.respond(to: operation, accept: "application/json", prefer: "code=404")
        #expect(refused.problem?.status == 406)
        let served = engine.respond(to: operation, accept: "application/*", prefer: "code=404").response
        #expect(served.status == 404)
        #expect(served.header("Content-Type") == "application/problem+json")
    }
}
