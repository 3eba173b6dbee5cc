import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseStore
import NIOHTTP1
import Testing

/// Item keys of table-backed mocks: keys the store cannot hold, ids clients choose beside made-up ones, and the key
/// property found from the item path (issue 15, bugs 2, 9 and 11).
struct StatefulKeyTests {
    static let json = [("Content-Type", "application/json")]

    /// Things keyed by a string id the client may send, with a 404 declared.
    static let things = """
        openapi: 3.1.0
        info: {title: Things, version: '1'}
        paths:
          /things:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {id: {type: string}, size: {type: integer}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
                      example: {id: a, size: 1}
          /things/{thingId}:
            parameters: [{name: thingId, in: path, required: true, schema: {type: string}}]
            get:
              responses:
                '200':
                  description: a thing
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
                      example: {id: a, size: 1}
                '404': {description: no such thing}
        components:
          schemas:
            Thing: {type: object, required: [id], properties: {id: {type: string}, size: {type: integer}}}
        """

    @Test func aKeyTheStoreCannotHoldIsA404OrA400NamingTheFieldNeverA503() async throws {
        try await RunningGateway.with(spec: Self.things, store: MemoryTableStore()) { gateway in
            let empty = try await gateway.request(.POST, "/things", headers: Self.json, body: #"{"id": ""}"#)
            #expect(empty.status == 400)
            #expect(
                empty.json?["detail"]
                    == .string("the body member 'id' cannot be the id of a 'things' item: it is empty"))
            let long = String(repeating: "x", count: 1100)
            let tooLong = try await gateway.request(.POST, "/things", headers: Self.json, body: #"{"id": "\#(long)"}"#)
            #expect(tooLong.status == 400)
            #expect(tooLong.json?["detail"]?.stringValue?.contains("'id'") == true)
            #expect(try await gateway.request(.GET, "/things/\(long)").status == 404)
            // An item over the store's item size is too large, not a store failure.
            let huge = String(repeating: "x", count: 500 * 1024)
            let large = try await gateway.request(
                .POST, "/things", headers: Self.json, body: #"{"id": "big", "note": "\#(huge)"}"#)
            #expect(large.status == 413)
            // The store is still fine.
            #expect(
                try await gateway.request(.POST, "/things", headers: Self.json, body: #"{"id": "b"}"#).status == 201)
            #expect(try await gateway.request(.GET, "/things/b").status == 200)
        }
    }

    @Test func madeUpIntegerIdsSkipTheIdsClientsChose() async throws {
        try await RunningGateway.with(
            spec: "specs/petstore.yaml", configuration: RunningGateway.openAccess, store: MemoryTableStore()
        ) { gateway in
            let chosen = try await gateway.request(
                .POST, "/v1/pets", headers: Self.json, body: #"{"id": 3, "name": "Three"}"#)
            #expect(chosen.status == 201)
            let next = try await gateway.request(.POST, "/v1/pets", headers: Self.json, body: #"{"name": "Next"}"#)
            #expect(next.status == 201)
            #expect(next.json?["id"] == .number(JSONNumber(4)))
            // A client id ahead of the sequence moves it on.
            let low = try await gateway.request(
                .POST, "/v1/pets", headers: Self.json, body: #"{"id": 6, "name": "Six"}"#)
            #expect(low.status == 201)
            let after = try await gateway.request(.POST, "/v1/pets", headers: Self.json, body: #"{"name": "Seven"}"#)
            #expect(after.json?["id"] == .number(JSONNumber(7)))
            // An id far ahead (the largest integer) leaves numbering where it is, and never overflows it.
            let far = try await gateway.request(
                .POST, "/v1/pets", headers: Self.json, body: #"{"id": 9223372036854775807, "name": "Far"}"#)
            #expect(far.status == 201)
            let eight = try await gateway.request(.POST, "/v1/pets", headers: Self.json, body: #"{"name": "Eight"}"#)
            #expect(eight.status == 201)
            #expect(eight.json?["id"] == .number(JSONNumber(8)))
            #expect(try await gateway.request(.GET, "/v1/pets").json?.arrayValue?.count == 6)
        }
    }

    /// Three resources whose key is not `id`: users by `username`, messages by a patterned `sid`, pods by
    /// `metadata.name`.
    static let keys = """
        openapi: 3.0.3
        info: {title: Keys, version: '1'}
        paths:
          /user:
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}
              responses:
                '200':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}
          /user/{username}:
            get:
              parameters: [{name: username, in: path, required: true, schema: {type: string}}]
              responses:
                '200':
                  description: a user
                  content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}
                '404': {description: no such user}
          /messages:
            post:
              requestBody:
                content: {application/json: {schema: {type: object, properties: {body: {type: string}}}}}
              responses:
                '201':
                  description: sent
                  content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}
          /messages/{Sid}:
            get:
              parameters: [{name: Sid, in: path, required: true, schema: {type: string}}]
              responses:
                '200':
                  description: a message
                  content: {application/json: {schema: {$ref: '#/components/schemas/Message'}}}
                '404': {description: no such message}
          /pods:
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}
              responses:
                '201':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}
          /pods/{name}:
            get:
              parameters: [{name: name, in: path, required: true, schema: {type: string}}]
              responses:
                '200':
                  description: a pod
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pod'}}}
                '404': {description: no such pod}
        components:
          schemas:
            User:
              type: object
              properties:
                id: {type: integer, example: 10}
                username: {type: string, example: theUser}
                firstName: {type: string}
            Message:
              type: object
              required: [sid, body]
              properties:
                sid: {type: string, pattern: '^SM[0-9a-f]{32}$', minLength: 34, maxLength: 34}
                body: {type: string}
              example: {sid: SM0123456789abcdef0123456789abcdef, body: hello}
            Pod:
              type: object
              required: [metadata]
              properties:
                metadata:
                  type: object
                  properties:
                    name: {type: string}
                    namespace: {type: string}
                phase: {type: string}
        """

    @Test func theKeyIsThePropertyTheItemPathNames() async throws {
        try await RunningGateway.with(
            spec: Self.keys, configuration: .init(validatesResponses: true), store: MemoryTableStore()
        ) { gateway in
            let user = try await gateway.request(
                .POST, "/user", headers: Self.json, body: #"{"username": "ann", "firstName": "Ann"}"#)
            #expect(user.status == 200)
            let read = try await gateway.request(.GET, "/user/ann")
            #expect(read.status == 200)
            #expect(read.json?["firstName"] == .string("Ann"))
            #expect(try await gateway.request(.GET, "/user/bob").status == 404)

            let message = try await gateway.request(.POST, "/messages", headers: Self.json, body: #"{"body": "hi"}"#)
            #expect(message.status == 201)
            #expect(message.headers["Gatehouse-Contract-Violation"] == [])
            let sid = try #require(message.json?["sid"]?.stringValue)
            #expect(sid.hasPrefix("SM") && sid.count == 34)
            let again = try await gateway.request(.GET, "/messages/\(sid)")
            #expect(again.status == 200)
            #expect(again.json?["body"] == .string("hi"))
            let second = try await gateway.request(.POST, "/messages", headers: Self.json, body: #"{"body": "ho"}"#)
            #expect(second.json?["sid"]?.stringValue != sid)

            let pod = try await gateway.request(
                .POST, "/pods", headers: Self.json, body: #"{"metadata": {"name": "web-1"}, "phase": "Pending"}"#)
            #expect(pod.status == 201)
            let found = try await gateway.request(.GET, "/pods/web-1")
            #expect(found.status == 200)
            #expect(found.json?["phase"] == .string("Pending"))
        }
    }

    /// A key found by the example's values: the path parameter's example is the `handle` of the example item.
    static let byExample = """
        openapi: 3.1.0
        info: {title: By example, version: '1'}
        paths:
          /accounts:
            post:
              requestBody:
                content: {application/json: {schema: {type: object, properties: {handle: {type: string}}}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Account'}
                      example: {handle: ada, plan: free}
          /accounts/{who}:
            get:
              parameters: [{name: who, in: path, required: true, schema: {type: string}, example: ada}]
              responses:
                '200':
                  description: an account
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Account'}
                      example: {handle: ada, plan: free}
        components:
          schemas:
            Account:
              type: object
              required: [handle, plan]
              properties: {handle: {type: string}, plan: {type: string}}
        """

    @Test func theKeyIsFoundByTheExamplesValues() async throws {
        try await RunningGateway.with(spec: Self.byExample, store: MemoryTableStore()) { gateway in
            let created = try await gateway.request(
                .POST, "/accounts", headers: Self.json, body: #"{"handle": "grace"}"#)
            #expect(created.status == 201)
            let read = try await gateway.request(.GET, "/accounts/grace")
            #expect(read.status == 200)
            #expect(read.json?["handle"] == .string("grace"))
        }
    }
}
