import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import NIOHTTP1
import Testing

/// Stateful mocks that fit a real API: the Swagger pet store (OpenAPI 3.0), whose shapes go beyond plain REST
/// (issue 15): `PUT /pet` replaces by the body's id, finders filter by query parameters, `createWithList` creates many,
/// `POST /pet/{petId}` updates from fields, users are keyed by `username`, and `login` is not a list.
struct StatefulRealAPITests {
    static let json = [("Content-Type", "application/json")]

    static let petstore3 = """
        openapi: 3.0.3
        info: {title: Swagger Petstore - OpenAPI 3.0, version: 1.0.19}
        paths:
          /pet:
            put:
              operationId: updatePet
              requestBody:
                required: true
                content:
                  application/json: {schema: {$ref: '#/components/schemas/Pet'}}
                  application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
                  application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Pet'}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/Pet'}}
                '400': {description: Invalid ID supplied}
                '404': {description: Pet not found}
            post:
              operationId: addPet
              requestBody:
                required: true
                content:
                  application/json: {schema: {$ref: '#/components/schemas/Pet'}}
                  application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
                  application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Pet'}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/Pet'}}
                    application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
                '400': {description: Invalid input}
          /pet/findByStatus:
            get:
              operationId: findPetsByStatus
              parameters:
                - name: status
                  in: query
                  required: false
                  explode: true
                  schema: {type: string, default: available, enum: [available, pending, sold]}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
                '400': {description: Invalid status value}
          /pet/findByTags:
            get:
              operationId: findPetsByTags
              parameters:
                - name: tags
                  in: query
                  required: false
                  explode: true
                  schema: {type: array, items: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
          /pet/{petId}:
            get:
              operationId: getPetById
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer, format: int64}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/Pet'}}
                '400': {description: Invalid ID supplied}
                '404': {description: Pet not found}
            post:
              operationId: updatePetWithForm
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer, format: int64}}
                - {name: name, in: query, schema: {type: string}}
                - {name: status, in: query, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/Pet'}}
                '400': {description: Invalid input}
            delete:
              operationId: deletePet
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer, format: int64}}
              responses:
                '200': {description: Pet deleted}
                '400': {description: Invalid pet value}
          /user:
            post:
              operationId: createUser
              requestBody:
                content:
                  application/json: {schema: {$ref: '#/components/schemas/User'}}
                  application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/User'}}
              responses:
                default:
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/User'}}
          /user/createWithList:
            post:
              operationId: createUsersWithListInput
              requestBody:
                content:
                  application/json:
                    schema: {type: array, items: {$ref: '#/components/schemas/User'}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/User'}}
                default: {description: ok}
          /user/login:
            get:
              operationId: loginUser
              parameters:
                - {name: username, in: query, schema: {type: string}}
                - {name: password, in: query, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/xml: {schema: {type: string}}
                    application/json: {schema: {type: string}}
                '400': {description: Invalid username/password supplied}
          /user/{username}:
            get:
              operationId: getUserByName
              parameters:
                - {name: username, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/User'}}
                '400': {description: Invalid username supplied}
                '404': {description: User not found}
            delete:
              operationId: deleteUser
              parameters:
                - {name: username, in: path, required: true, schema: {type: string}}
              responses:
                '200': {description: ok}
                '400': {description: Invalid username supplied}
                '404': {description: User not found}
        components:
          schemas:
            Category:
              type: object
              properties:
                id: {type: integer, format: int64, example: 1}
                name: {type: string, example: Dogs}
            User:
              type: object
              properties:
                id: {type: integer, format: int64, example: 10}
                username: {type: string, example: theUser}
                firstName: {type: string, example: John}
                password: {type: string, example: '12345', writeOnly: true}
                userStatus: {type: integer, format: int32, example: 1}
            Tag:
              type: object
              properties:
                id: {type: integer, format: int64}
                name: {type: string}
            Pet:
              required: [name, photoUrls]
              type: object
              properties:
                id: {type: integer, format: int64, example: 10}
                name: {type: string, example: doggie}
                category: {$ref: '#/components/schemas/Category'}
                photoUrls:
                  type: array
                  items: {type: string}
                tags:
                  type: array
                  items: {$ref: '#/components/schemas/Tag'}
                status: {type: string, description: pet status in the store, enum: [available, pending, sold]}
        """

    static let checked = RuntimeConfiguration(validatesResponses: true)

    @Test func theSwaggerPetStoreBehavesAsItsUsersExpect() async throws {
        try await RunningGateway.with(spec: Self.petstore3, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            let rex = try await gateway.request(
                .POST, "/pet", headers: Self.json,
                body:
                    #"{"id": 3, "name": "Rex", "photoUrls": [], "status": "sold", "tags": [{"id": 1, "name": "good"}]}"#
            )
            #expect(rex.status == 200)
            let tom = try await gateway.request(
                .POST, "/pet", headers: Self.json, body: #"{"name": "Tom", "photoUrls": [], "status": "available"}"#)
            #expect(tom.json?["id"] == .number(JSONNumber(4)))

            // Finders filter the stored pets by the query parameters that name their properties.
            let sold = try await gateway.request(.GET, "/pet/findByStatus?status=sold")
            #expect(sold.status == 200)
            #expect(sold.json?.arrayValue?.map { $0["name"] } == [.string("Rex")])
            #expect(sold.headers["Gatehouse-Contract-Violation"] == [])
            let tagged = try await gateway.request(.GET, "/pet/findByTags?tags=good&tags=bad")
            #expect(tagged.json?.arrayValue?.map { $0["name"] } == [.string("Rex")])
            #expect(try await gateway.request(.GET, "/pet/findByStatus?status=pending").json == .array([]))

            // PUT on the collection replaces the pet the body's id names; an unknown id is the declared 404.
            let renamed = try await gateway.request(
                .PUT, "/pet", headers: Self.json, body: #"{"id": 4, "name": "Thomas", "photoUrls": ["p"]}"#)
            #expect(renamed.status == 200)
            #expect(try await gateway.request(.GET, "/pet/4").json?["name"] == .string("Thomas"))
            let unknown = try await gateway.request(
                .PUT, "/pet", headers: Self.json, body: #"{"id": 99, "name": "Ghost", "photoUrls": []}"#)
            #expect(unknown.status == 404)

            // An update from query fields on the item path.
            let updated = try await gateway.request(.POST, "/pet/4?name=Tommy&status=pending")
            #expect(updated.status == 200)
            #expect(updated.json?["name"] == .string("Tommy"))
            #expect(try await gateway.request(.GET, "/pet/findByStatus?status=pending").json?.arrayValue?.count == 1)

            // Users: created one by one or many at once, keyed by username, the writeOnly password never shown.
            let ann = try await gateway.request(
                .POST, "/user", headers: Self.json, body: #"{"username": "ann", "password": "secret"}"#)
            #expect(ann.json?["password"] == nil)
            #expect(ann.headers["Gatehouse-Contract-Violation"] == [])
            let many = try await gateway.request(
                .POST, "/user/createWithList", headers: Self.json,
                body: #"[{"username": "bob", "firstName": "Bob"}, {"username": "cy"}]"#)
            #expect(many.status == 200)
            #expect(try await gateway.request(.GET, "/user/bob").json?["firstName"] == .string("Bob"))
            #expect(try await gateway.request(.GET, "/user/cy").status == 200)
            #expect(try await gateway.request(.GET, "/user/ann").json?["password"] == nil)
            #expect(try await gateway.request(.GET, "/user/dan").status == 404)

            // Deleting a pet: gone from reads and finders.
            #expect(try await gateway.request(.DELETE, "/pet/3").status == 200)
            #expect(try await gateway.request(.GET, "/pet/3").status == 404)
            #expect(try await gateway.request(.GET, "/pet/findByStatus?status=sold").json == .array([]))
        }
    }

    @Test func theMockSaysWhatItDoesPerOperation() throws {
        let output = SpecFrontEnd().run(bytes: Array(Self.petstore3.utf8), path: "petstore3.yaml")
        let model = try #require(output.model)
        let map = MockTableMap(model: model)
        let summaries = Dictionary(uniqueKeysWithValues: model.operations.map { ($0.id, map.summary(of: $0)) })
        #expect(summaries["addPet"] == "create pet")
        #expect(summaries["updatePet"] == "replace pet by body 'id'")
        #expect(summaries["findPetsByStatus"] == "filter pet by status")
        #expect(summaries["findPetsByTags"] == "filter pet by tags")
        #expect(summaries["getPetById"] == "read pet by petId")
        #expect(summaries["updatePetWithForm"] == "update pet by petId from fields")
        #expect(summaries["createUsersWithListInput"] == "create many user")
        #expect(summaries["getUserByName"] == "read user by username")
        #expect(summaries["loginUser"] == "example")
    }
}
