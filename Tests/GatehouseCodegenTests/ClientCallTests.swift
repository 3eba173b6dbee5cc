import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// A generated client compiled into a program with a recording transport: the request it sends (path, query,
/// headers in order, body), the typed output it decodes, the errors that name the operation and the parameter, and
/// value semantics of models stored out of line (a team holds its lead, a model of five members, by reference).
struct ClientCallTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Teams, version: '1'}
        paths:
          /teams/{teamId}:
            put:
              operationId: putTeam
              parameters:
                - {name: teamId, in: path, required: true, schema: {type: string}}
                - {name: weight, in: query, schema: {type: number}}
                - {name: tags, in: query, schema: {type: array, items: {type: string}}}
                - {name: X-Trace, in: header, schema: {type: string}}
                - {name: session, in: cookie, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Team'}
              responses:
                '200':
                  description: The team as stored.
                  headers:
                    X-Version: {required: true, schema: {type: integer}}
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Team'}
        components:
          schemas:
            Team:
              type: object
              required: [name, lead]
              properties:
                name: {type: string}
                lead: {$ref: '#/components/schemas/Member'}
                deputy: {$ref: '#/components/schemas/Member'}
            Member:
              type: object
              required: [login]
              properties:
                login: {type: string}
                email: {type: string}
                site: {type: string}
                company: {type: string}
                location: {type: string}
        """

    static let program = #"""
        import Foundation

        final class Recorder: HTTPTransport, @unchecked Sendable {
            var requests: [HTTPRequest] = []
            var headerFields = [HTTPHeaderField(name: "Content-Type", value: "application/json"), HTTPHeaderField(name: "X-Version", value: "3")]
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                requests.append(request)
                return HTTPResponse(statusCode: 200, headerFields: headerFields, body: request.body ?? Data())
            }
        }

        let recorder = Recorder()
        let client = Client(serverURL: URL(string: "https://api.example.com/v1/")!, transport: recorder)
        var team = Team(name: "core", lead: Member(login: "ada", email: "ada@example.com"))
        let output = try await client.putTeam(
            .init(teamId: "a b", weight: 1.5, tags: ["x", "y"], xTrace: "t-1", session: "s", body: team))
        let request = recorder.requests[0]
        print(request.method, request.url.absoluteString)
        print(request.headerFields.map { "\($0.name): \($0.value)" }.joined(separator: " | "))
        print(String(decoding: request.body ?? Data(), as: UTF8.self))
        guard case .ok(let ok) = output else { fatalError("\(output)") }
        print(ok.body == team, ok.body.lead.login, ok.xVersion)

        // Value semantics through the out-of-line member: a copy changed in place leaves the original alone.
        var copy = team
        copy.lead.login = "grace"
        copy.deputy = Member(login: "alan")
        copy.deputy?.site = "example.org"
        print(team.lead.login, team.deputy == nil, copy.lead.login, copy.deputy?.site ?? "-", copy == team)
        team.lead.login = "grace"
        team.deputy = copy.deputy
        print(copy == team, Set([copy, team]).count)

        // Errors name the operation and what failed.
        do {
            _ = try await client.putTeam(.init(teamId: "t", weight: .nan, body: team))
        } catch {
            print(error)
        }
        recorder.headerFields = [HTTPHeaderField(name: "Content-Type", value: "application/json")]
        do {
            _ = try await client.putTeam(.init(teamId: "t", body: team))
        } catch {
            print(error)
        }
        """#

    @Test func aCallSendsTheRequestAndDecodesTheOutput() async throws {
        let output = SpecFrontEnd().run(bytes: Array(Self.spec.utf8), path: "teams.yaml")
        let model = try #require(output.model, "\(output.diagnostics)")
        let configuration = SwiftGenerator.Configuration(name: "Teams", server: false, command: "gatehouse generate")
        let generated = try SwiftGenerator(configuration: configuration).generate(model)
        let result = try await SwiftCompilerCheck.run(generated.files, main: Self.program)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        try #require(lines.count == 8, "\(result.output)")
        #expect(
            Array(lines[0..<6]) == [
                "PUT https://api.example.com/v1/teams/a%20b?weight=1.5&tags=x&tags=y",
                "X-Trace: t-1 | Cookie: session=s | Accept: application/json | Content-Type: application/json",
                #"{"lead":{"email":"ada@example.com","login":"ada"},"name":"core"}"#,
                "true ada 3",
                "ada true grace example.org false",
                "true 1",
            ])
        // The rest of the message is JSONEncoder's own words for NaN.
        #expect(lines[6].hasPrefix("putTeam: invalid request: parameter 'weight' cannot be encoded: "), "\(lines[6])")
        #expect(lines[7] == "putTeam: undecodable response (status 200): required header 'X-Version' is missing")
    }
}
