import GatehouseJSON
import Testing

@testable import GatehouseSpec

struct RouteMatcherTests {
    static let model: APIModel = {
        let yaml = """
            openapi: 3.1.0
            info: {title: Routes, version: '1'}
            paths:
              /pets:
                get: {operationId: listPets, responses: {'200': {description: ok}}}
                post: {operationId: createPet, responses: {'201': {description: ok}}}
              /pets/mine:
                get: {operationId: myPets, responses: {'200': {description: ok}}}
              /pets/{id}:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                get: {operationId: getPet, responses: {'200': {description: ok}}}
                delete: {operationId: deletePet, responses: {'204': {description: ok}}}
              /files/{name}.{ext}:
                parameters:
                  - {name: name, in: path, required: true, schema: {type: string}}
                  - {name: ext, in: path, required: true, schema: {type: string}}
                get: {operationId: getFile, responses: {'200': {description: ok}}}
              /files/{name}.json:
                parameters: [{name: name, in: path, required: true, schema: {type: string}}]
                get: {operationId: getJSONFile, responses: {'200': {description: ok}}}
              /users/{userId}/pets/{petId}:
                parameters:
                  - {name: userId, in: path, required: true, schema: {type: string}}
                  - {name: petId, in: path, required: true, schema: {type: string}}
                get: {operationId: getUserPet, responses: {'200': {description: ok}}}
              /:
                get: {operationId: root, responses: {'200': {description: ok}}}
            """
        return SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "routes.yaml").model!
    }()

    struct Row: Sendable, CustomTestStringConvertible {
        var method: HTTPMethod
        var path: String
        var expected: String
        var testDescription: String { "\(method.rawValue) \(path)" }
    }

    static func describe(_ match: RouteMatcher.Match) -> String {
        switch match {
        case .operation(let index, let captures):
            let id = model.operations[index].id
            let pairs = captures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return pairs.isEmpty ? id : "\(id) \(pairs.joined(separator: " "))"
        case .methodNotAllowed(let allowed):
            return "405 " + allowed.map(\.rawValue).joined(separator: ",")
        case .notFound:
            return "404"
        }
    }

    @Test(arguments: [
        Row(method: .get, path: "/pets", expected: "listPets"),
        Row(method: .post, path: "/pets", expected: "createPet"),
        Row(method: .get, path: "/pets/", expected: "listPets"),
        Row(method: .get, path: "/pets/mine", expected: "myPets"),
        Row(method: .get, path: "/pets/42", expected: "getPet id=42"),
        Row(method: .get, path: "/pets/a%2Fb", expected: "getPet id=a%2Fb"),
        Row(method: .head, path: "/pets/42", expected: "getPet id=42"),
        Row(method: .put, path: "/pets/42", expected: "405 GET,DELETE"),
        Row(method: .delete, path: "/pets/mine", expected: "405 GET"),
        Row(method: .get, path: "/pets/42/extra", expected: "404"),
        Row(method: .get, path: "/files/report.tar.gz", expected: "getFile ext=tar.gz name=report"),
        Row(method: .get, path: "/files/report.json", expected: "getJSONFile name=report"),
        Row(method: .get, path: "/files/noext", expected: "404"),
        Row(method: .get, path: "/users/u1/pets/p2", expected: "getUserPet petId=p2 userId=u1"),
        Row(method: .get, path: "/", expected: "root"),
        Row(method: .get, path: "/nope", expected: "404"),
        Row(method: .get, path: "/pets//", expected: "404"),
    ])
    func matchesPaths(_ row: Row) {
        let matcher = RouteMatcher(operations: Self.model.operations)
        #expect(Self.describe(matcher.match(method: row.method, path: row.path)) == row.expected)
    }

    @Test func honoursTheBasePath() {
        let matcher = RouteMatcher(operations: Self.model.operations, configuration: .init(basePath: "/v1"))
        #expect(Self.describe(matcher.match(method: .get, path: "/v1/pets/7")) == "getPet id=7")
        #expect(Self.describe(matcher.match(method: .get, path: "/v1")) == "root")
        #expect(Self.describe(matcher.match(method: .get, path: "/pets/7")) == "404")
        #expect(Self.describe(matcher.match(method: .get, path: "/v10/pets")) == "404")
    }

    @Test func strictTrailingSlash() {
        let matcher = RouteMatcher(operations: Self.model.operations, configuration: .init(ignoresTrailingSlash: false))
        #expect(Self.describe(matcher.match(method: .get, path: "/pets/")) == "404")
        #expect(matcher.allowedMethods(path: "/pets/1") == [.get, .delete])
    }
}
