import GatehouseJSON
import GatehouseRuntime
import GatehouseSpec
import GatehouseStore
import Testing

/// The list action pages the way the contract declares: page numbers or offsets as well as cursors.
struct StatefulPagingTests {
    static let json = [("Content-Type", "application/json")]

    static let spec = """
        openapi: 3.1.0
        info: {title: Paging, version: '1'}
        paths:
          /books:
            post:
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/NewItem'}}}}
              responses:
                '201':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Item'}, example: {id: 1, title: a}}}
            get:
              parameters:
                - {name: page, in: query, schema: {type: integer, minimum: 1}}
                - {name: per_page, in: query, schema: {type: integer, minimum: 1, maximum: 5, default: 4}}
              responses:
                '200':
                  description: one page
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [data, page, per_page, total]
                        properties:
                          data: {type: array, items: {$ref: '#/components/schemas/Item'}}
                          page: {type: integer}
                          per_page: {type: integer}
                          total: {type: integer}
                          next_page: {type: [integer, 'null']}
                      example: {data: [{id: 1, title: a}], page: 1, per_page: 4, total: 1}
          /books/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
            get:
              responses:
                '200':
                  description: a book
                  content: {application/json: {schema: {$ref: '#/components/schemas/Item'}, example: {id: 1, title: a}}}
          /films:
            post:
              requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/NewItem'}}}}
              responses:
                '201':
                  description: created
                  content: {application/json: {schema: {$ref: '#/components/schemas/Item'}, example: {id: 1, title: a}}}
            get:
              parameters:
                - {name: offset, in: query, schema: {type: integer, minimum: 0}}
                - {name: limit, in: query, schema: {type: integer, minimum: 1}}
              responses:
                '200':
                  description: one window
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items, offset, limit, hasMore]
                        properties:
                          items: {type: array, items: {$ref: '#/components/schemas/Item'}}
                          offset: {type: integer}
                          limit: {type: integer}
                          hasMore: {type: boolean}
                          nextOffset: {type: integer}
                      example: {items: [{id: 1, title: a}], offset: 0, limit: 20, hasMore: false}
        components:
          schemas:
            NewItem: {type: object, required: [title], properties: {title: {type: string}}}
            Item:
              type: object
              required: [id, title]
              properties: {id: {type: integer}, title: {type: string}}
        """

    /// The ids on a page, in order.
    func ids(_ reply: RunningGateway.Reply, _ member: String) -> [Int64] {
        reply.json?[member]?.arrayValue?.compactMap { $0.objectValue?["id"]?.numberValue?.int64 } ?? []
    }

    @Test func pageNumbersWalkEveryItemOnceAndSayWhatComesNext() async throws {
        try await RunningGateway.with(
            spec: Self.spec, configuration: RuntimeConfiguration(validatesResponses: true), store: MemoryTableStore()
        ) { gateway in
            for index in 1...11 {
                let created = try await gateway.request(
                    .POST, "/books", headers: Self.json, body: #"{"title": "book \#(index)"}"#)
                #expect(created.status == 201)
            }
            var seen: [Int64] = []
            for page in 1...3 {
                let reply = try await gateway.request(.GET, "/books?page=\(page)")
                #expect(reply.status == 200)
                #expect(reply.headers["Gatehouse-Contract-Violation"] == [])
                #expect(reply.json?["page"] == .number(JSONNumber(page)))
                #expect(reply.json?["per_page"] == .number(JSONNumber(4)))  // the parameter's default
                #expect(reply.json?["total"] == .number(JSONNumber(11)))
                #expect(reply.json?["next_page"] == (page < 3 ? .number(JSONNumber(page + 1)) : .null))
                #expect(ids(reply, "data").count == (page < 3 ? 4 : 3))
                seen += ids(reply, "data")
            }
            // Integer ids list in numeric order: 1 to 11, not 1, 10, 11, 2, …
            #expect(seen == Array(1...11))
            // Past the end: an empty page; a size over the maximum is held to it.
            #expect(ids(try await gateway.request(.GET, "/books?page=9"), "data") == [])
            let big = try await gateway.request(.GET, "/books?page=1&per_page=5")
            #expect(ids(big, "data").count == 5)
        }
    }

    @Test func offsetsAndLimitsWalkEveryItemOnce() async throws {
        try await RunningGateway.with(
            spec: Self.spec, configuration: RuntimeConfiguration(validatesResponses: true), store: MemoryTableStore()
        ) { gateway in
            for index in 1...7 {
                _ = try await gateway.request(
                    .POST, "/films", headers: Self.json, body: #"{"title": "film \#(index)"}"#)
            }
            var seen: [Int64] = []
            var offset = 0
            for _ in 0..<10 {
                let reply = try await gateway.request(.GET, "/films?offset=\(offset)&limit=3")
                #expect(reply.status == 200)
                #expect(reply.headers["Gatehouse-Contract-Violation"] == [])
                #expect(reply.json?["offset"] == .number(JSONNumber(offset)))
                #expect(reply.json?["limit"] == .number(JSONNumber(3)))
                seen += ids(reply, "items")
                guard reply.json?["hasMore"] == .bool(true) else {
                    // `nextOffset` may not be null, so the last window leaves it out.
                    #expect(reply.json?["nextOffset"] == nil)
                    break
                }
                #expect(reply.json?["nextOffset"] == .number(JSONNumber(offset + 3)))
                offset += 3
            }
            #expect(seen == Array(1...7))
        }
    }
}
