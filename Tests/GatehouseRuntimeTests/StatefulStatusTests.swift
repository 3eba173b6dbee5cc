import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseStore
import NIOHTTP1
import Testing

/// A stateful mock answers only with statuses the contract documents (issue 15): without a 404 or a 409 (exact,
/// `4XX` or `default`), a delete of a missing item succeeds, a replace or update of one creates it, and a create with
/// the id of an item replaces it.
struct StatefulStatusTests {
    static let json = [("Content-Type", "application/json")]

    static let contract = """
        openapi: 3.0.3
        info: {title: Notes, version: '1'}
        paths:
          /notes:
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
              responses:
                '200':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
                '400': {description: invalid}
          /notes/{noteId}:
            parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
            get:
              responses:
                '200':
                  description: a note
                  content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
                '404': {description: no such note}
            put:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
              responses:
                '200':
                  description: replaced
                  content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}
            delete:
              responses:
                '200': {description: deleted}
                '400': {description: invalid}
        components:
          schemas:
            Note:
              type: object
              required: [text]
              properties:
                id: {type: integer, example: 1}
                text: {type: string, example: hello}
        """

    @Test func onlyDocumentedStatusesAreAnswered() async throws {
        try await RunningGateway.with(
            spec: Self.contract, configuration: .init(validatesResponses: true), store: MemoryTableStore()
        ) { gateway in
            let first = try await gateway.request(
                .POST, "/notes", headers: Self.json, body: #"{"id": 10, "text": "a"}"#)
            #expect(first.status == 200)
            // No 409 documented: the same id again replaces the note.
            let again = try await gateway.request(
                .POST, "/notes", headers: Self.json, body: #"{"id": 10, "text": "b"}"#)
            #expect(again.status == 200)
            #expect(try await gateway.request(.GET, "/notes/10").json?["text"] == .string("b"))
            // No 404 documented for PUT: a replace of a missing note creates it.
            let put = try await gateway.request(.PUT, "/notes/20", headers: Self.json, body: #"{"text": "c"}"#)
            #expect(put.status == 200)
            #expect(put.json?["id"] == .number(JSONNumber(20)))
            #expect(put.headers["Gatehouse-Contract-Violation"] == [])
            #expect(try await gateway.request(.GET, "/notes/20").json?["text"] == .string("c"))
            // No 404 documented for DELETE: deleting a missing note succeeds.
            #expect(try await gateway.request(.DELETE, "/notes/20").status == 200)
            #expect(try await gateway.request(.DELETE, "/notes/20").status == 200)
            // GET documents its 404.
            #expect(try await gateway.request(.GET, "/notes/20").status == 404)
        }
    }
}
