import Foundation
import GatehouseJSON
import GatehouseRuntime
import GatehouseStore
import NIOHTTP1
import Testing

/// Which operations are stateful and what their answers hold (issue 15, bugs 4, 5, 6, 8, 12 and 13): only lists
/// list, an operation no create fills answers from examples, items are shaped by the answer's schema, and an item's
/// fields come from the query, a form or XML as well as JSON.
struct StatefulShapeTests {
    static let json = [("Content-Type", "application/json")]

    static let contract = """
        openapi: 3.0.3
        info: {title: Shapes, version: '1'}
        paths:
          /{dataset}/records:
            post:
              parameters: [{name: dataset, in: path, required: true, schema: {type: string}}]
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, properties: {criteria: {type: string}}}
              responses:
                '200':
                  description: the matching records, not a created item
                  content:
                    application/json:
                      schema: {type: array, items: {type: object}}
                      example: [{title: A match}]
          /user/login:
            get:
              parameters:
                - {name: username, in: query, schema: {type: string}}
              responses:
                '200':
                  description: a session token
                  content:
                    application/json: {schema: {type: string}, example: token-123}
                    application/xml: {schema: {type: string}, example: token-123}
          /reports/{reportId}:
            get:
              parameters: [{name: reportId, in: path, required: true, schema: {type: integer}}]
              responses:
                '200':
                  description: a report nobody creates
                  content:
                    application/json:
                      schema: {type: object, required: [id, title], properties: {id: {type: integer}, title: {type: string}}}
                      example: {id: 7, title: Weekly}
          /widgets:
            post:
              requestBody:
                content:
                  application/json: {schema: {$ref: '#/components/schemas/WidgetInput'}}
                  application/x-www-form-urlencoded: {}
                  application/xml: {}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Widget'}
                      example: {id: 1, name: Sprocket, color: red, shape: round}
                    application/xml:
                      schema: {type: string}
                      example: <widget><id>1</id><name>Sprocket</name></widget>
            get:
              responses:
                '200':
                  description: widgets
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Widget'}}
          /widgets/{widgetId}:
            get:
              parameters: [{name: widgetId, in: path, required: true, schema: {type: integer}}]
              responses:
                '200':
                  description: a widget
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/Widget'}}
          /orders:
            post:
              parameters:
                - {name: quantity, in: query, required: true, schema: {type: integer}}
                - {name: status, in: query, required: true, schema: {type: string, enum: [placed, shipped]}}
              responses:
                '200':
                  description: placed
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Order'}
                      example: {id: 1, quantity: 2, status: placed, complete: false}
            get:
              responses:
                '200':
                  description: orders
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Order'}}
          /events:
            get:
              parameters:
                - {name: after, in: query, schema: {type: integer, format: int64}, example: 1484811043508}
                - {name: limit, in: query, schema: {type: integer}}
              responses:
                '200':
                  description: events
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Event'}}
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Event'}
                      example: {id: 1, kind: start}
          /feed:
            get:
              parameters:
                - {name: cursor, in: query, schema: {type: string}, example: c2VlZA}
              responses:
                '200':
                  description: a page of the feed
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          items: {type: array, items: {$ref: '#/components/schemas/Event'}}
                          nextCursor: {type: [string, 'null']}
            post:
              requestBody:
                content: {application/json: {schema: {$ref: '#/components/schemas/Event'}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Event'}
                      example: {id: 1, kind: start}
        components:
          schemas:
            WidgetInput:
              type: object
              xml: {name: widget}
              properties:
                name: {type: string}
                color: {}
                shape: {}
                secret: {type: string}
                note: {type: string}
            Widget:
              type: object
              additionalProperties: false
              required: [id, name]
              properties:
                id: {type: integer}
                name: {type: string}
                color: {type: string}
                shape:
                  oneOf:
                    - {type: string, enum: [round, square]}
                    - {type: integer}
                secret: {type: string, writeOnly: true}
            Order:
              type: object
              required: [id, quantity, status, complete]
              properties:
                id: {type: integer}
                quantity: {type: integer}
                status: {type: string}
                complete: {type: boolean}
            Event:
              type: object
              required: [id, kind]
              properties: {id: {type: integer}, kind: {type: string}}
        """

    static let checked = RuntimeConfiguration(validatesResponses: true)

    @Test func anOperationWhoseAnswerIsNotAListDoesNotList() async throws {
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            let login = try await gateway.request(.GET, "/user/login?username=ann")
            #expect(login.status == 200)
            #expect(login.body == #""token-123""#)
            let xml = try await gateway.request(.GET, "/user/login", headers: [("Accept", "application/xml")])
            #expect(xml.status == 200)
            #expect(xml.body.contains("token-123"))
            // A POST answering a list is a search, not a create: its example, never the form's fields as an object.
            let search = try await gateway.request(
                .POST, "/patents/records", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "criteria=x")
            #expect(search.status == 200)
            #expect(search.json == .array([.object(JSONObject(["title": .string("A match")]))]))
            #expect(search.headers["Gatehouse-Contract-Violation"] == [])
        }
    }

    @Test func anOperationNoCreateFillsAnswersFromItsExample() async throws {
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            let report = try await gateway.request(.GET, "/reports/7")
            #expect(report.status == 200)
            #expect(report.json?["title"] == .string("Weekly"))
            #expect(report.headers["Gatehouse-Contract-Violation"] == [])
        }
    }

    @Test func anItemSeededFromAFileIsFoundWhereNoCreateFillsTheTable() async throws {
        // As `serve --seed` or `gatehouse store load` would leave it.
        let store = MemoryTableStore()
        _ = try await store.createTable(MockTables.definition("reports"))
        let item = try MockTables.storedItem(
            JSONObject(["id": .number(JSONNumber(3)), "title": .string("Seeded")]), idProperty: "id",
            parentParameters: [], integerIds: true)
        _ = try await store.putItem(table: "reports", item: item, condition: nil)
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: store) { gateway in
            let seeded = try await gateway.request(.GET, "/reports/3")
            #expect(seeded.json?["title"] == .string("Seeded"))
            let missing = try await gateway.request(.GET, "/reports/7")
            #expect(missing.status == 200)
            #expect(missing.json?["title"] == .string("Weekly"))
        }
    }

    @Test func aReadAnswersTheItemAsStoredNowWhateverItAnsweredBefore() async throws {
        // A read's answer is kept with the stored text it was made from: an item changed behind the gateway's back
        // (another instance, `store load`) must never be answered as it was.
        let store = MemoryTableStore()
        _ = try await store.createTable(MockTables.definition("reports"))
        @discardableResult
        func put(_ title: JSONValue) async throws -> ItemKey {
            let item = try MockTables.storedItem(
                JSONObject(["id": .number(JSONNumber(3)), "title": title]), idProperty: "id",
                parentParameters: [], integerIds: true)
            _ = try await store.putItem(table: "reports", item: item, condition: nil)
            let partition = item[MockTables.partitionAttribute]?.stringValue ?? ""
            return ItemKey(.string(partition), item[MockTables.idAttribute]?.stringValue.map(KeyValue.string))
        }
        try await put(.string("Seeded"))
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: store) { gateway in
            for _ in 0..<2 {
                let read = try await gateway.request(.GET, "/reports/3")
                #expect(read.json == .object(JSONObject(["id": .number(JSONNumber(3)), "title": .string("Seeded")])))
            }
            try await put(.string("Changed"))
            #expect(try await gateway.request(.GET, "/reports/3").json?["title"] == .string("Changed"))
            // A title of the wrong type is shaped by the answer's schema, on every read of it.
            try await put(.number(JSONNumber(5)))
            for _ in 0..<2 {
                let shaped = try await gateway.request(.GET, "/reports/3")
                #expect(shaped.json?["title"] == .string("Weekly"))
                #expect(shaped.headers["Gatehouse-Contract-Violation"] == [])
            }
            let key = try await put(.string("Back"))
            #expect(try await gateway.request(.GET, "/reports/3").json?["title"] == .string("Back"))
            _ = try await store.deleteItem(table: "reports", key: key)
            // Gone: the answer is the contract's example again.
            #expect(try await gateway.request(.GET, "/reports/3").json?["title"] == .string("Weekly"))
        }
    }

    @Test func storedItemsAreShapedByTheAnswersSchema() async throws {
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            let created = try await gateway.request(
                .POST, "/widgets", headers: Self.json,
                body: #"{"name": "Cog", "color": {"r": 1}, "shape": true, "secret": "s3cret", "note": "extra"}"#
            )
            #expect(created.status == 201)
            #expect(created.headers["Gatehouse-Contract-Violation"] == [])
            #expect(created.json?["name"] == .string("Cog"))
            #expect(created.json?["color"] == .string("red"))
            #expect(created.json?["shape"] == .string("round"))
            #expect(created.json?["secret"] == nil)
            #expect(created.json?["note"] == nil)
            let id = try #require(created.json?["id"]?.numberValue?.int64)
            let read = try await gateway.request(.GET, "/widgets/\(id)")
            #expect(read.status == 200)
            #expect(read.headers["Gatehouse-Contract-Violation"] == [])
            #expect(read.json?["secret"] == nil)
            let listed = try await gateway.request(.GET, "/widgets")
            #expect(listed.headers["Gatehouse-Contract-Violation"] == [])
            #expect(listed.json?.arrayValue?.first?["color"] == .string("red"))
        }
    }

    @Test func itemsCreatedFromTheQueryKeepTheirFields() async throws {
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            let placed = try await gateway.request(.POST, "/orders?quantity=5&status=shipped")
            #expect(placed.status == 200)
            #expect(placed.json?["quantity"] == .number(JSONNumber(5)))
            #expect(placed.json?["status"] == .string("shipped"))
            let listed = try await gateway.request(.GET, "/orders")
            #expect(listed.headers["Gatehouse-Contract-Violation"] == [])
            let order = try #require(listed.json?.arrayValue?.first)
            #expect(order["quantity"] == .number(JSONNumber(5)))
            #expect(order["status"] == .string("shipped"))
            #expect(order["complete"] == .bool(false))
        }
    }

    @Test func formAndXMLBodiesAreStored() async throws {
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            let form = try await gateway.request(
                .POST, "/widgets", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "name=Gear&color=blue&shape=4")
            #expect(form.status == 201)
            #expect(form.headers["Gatehouse-Contract-Violation"] == [])
            #expect(form.json?["name"] == .string("Gear"))
            #expect(form.json?["color"] == .string("blue"))
            // The form's text is read as the answer's type: the client's 4, not the example's shape.
            #expect(form.json?["shape"] == .number(JSONNumber(4)))
            let xml = try await gateway.request(
                .POST, "/widgets", headers: [("Content-Type", "application/xml")],
                body: "<widget><name>Wheel</name><color>green</color><shape>7</shape></widget>")
            #expect(xml.status == 201)
            #expect(xml.headers["Gatehouse-Contract-Violation"] == [])
            #expect(xml.json?["name"] == .string("Wheel"))
            #expect(xml.json?["color"] == .string("green"))
            #expect(xml.json?["shape"] == .number(JSONNumber(7)))
            let id = try #require(xml.json?["id"]?.numberValue?.int64)
            #expect(try await gateway.request(.GET, "/widgets/\(id)").json?["shape"] == .number(JSONNumber(7)))
            // A client that asks for XML gets the contract's XML example, and its item is stored all the same.
            let asXML = try await gateway.request(
                .POST, "/widgets", headers: [("Content-Type", "application/xml"), ("Accept", "application/xml")],
                body: "<widget><name>Nut</name></widget>")
            #expect(asXML.status == 201)
            #expect(asXML.headers["Content-Type"] == ["application/xml"])
            #expect(asXML.headers["Gatehouse-Contract-Violation"] == [])
            #expect(try await gateway.request(.GET, "/widgets").json?.arrayValue?.count == 3)
        }
    }

    @Test func onlyAnOpaqueCursorIsTheGatewaysCursor() async throws {
        try await RunningGateway.with(spec: Self.contract, configuration: Self.checked, store: MemoryTableStore()) {
            gateway in
            for (id, kind) in [(1, "start"), (2, "stop")] {
                let event = try await gateway.request(
                    .POST, "/events", headers: Self.json, body: #"{"id": \#(id), "kind": "\#(kind)"}"#)
                #expect(event.status == 201)
                _ = try await gateway.request(
                    .POST, "/feed", headers: Self.json, body: #"{"id": \#(id), "kind": "\#(kind)"}"#)
            }
            // An integer timestamp is the contract's own, not a cursor of this gateway: no 400.
            let after = try await gateway.request(.GET, "/events?after=1484811043508")
            #expect(after.status == 200)
            #expect(after.json?.arrayValue?.count == 2)
            // The contract's example cursor was not given out by this gateway: read from the start.
            let foreign = try await gateway.request(.GET, "/feed?cursor=c2VlZA")
            #expect(foreign.status == 200)
            #expect(foreign.json?["items"]?.arrayValue?.count == 2)
            #expect(foreign.headers["Gatehouse-Contract-Violation"] == [])
        }
    }
}
