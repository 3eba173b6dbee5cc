import Foundation
import GatehouseJSON
package import GatehouseSpec
package import GatehouseStore
import GatehouseValidation
import HTTPTypes
import Logging

/// Table-backed mocks: operations that map onto a table (`MockTableMap`, over the whole contract) create, read,
/// replace, merge, delete, list and filter items of the store, so a POST is seen by a later GET. `StatefulResponder`
/// answers one operation with it.
///
/// Answers start from the contract's own mock answer (its status, headers and example shape) and put the stored item
/// in place of the example: its key (the client's, or one made up to fit the key's schema), the client's fields, the
/// parent path parameters, and fresh timestamps where the example has them, shaped by the answer's schema
/// (`ItemConformer`). A nested collection's parent must exist; statuses the contract does not document are not
/// answered (a missing item's delete succeeds where no 404 is documented).
package final class StatefulMocks: Sendable {
    let store: any TableStore
    /// How the operations map onto tables, over the whole contract.
    package let map: MockTableMap
    /// Per operation: what its stateful answers need.
    private let operations: [NodeAddress: StatefulOperation]
    /// Per table: the tables of the collections nested under its items, whose items go when their parent goes.
    let children: [String: Set<String>]
    private let tables = CreatedTables()

    static let partitionAttribute = MockTables.partitionAttribute
    static let idAttribute = MockTables.idAttribute
    static let sequencesTable = MockTables.sequencesTable

    package init(model: APIModel, store: any TableStore) {
        self.store = store
        let map = MockTableMap(model: model)
        let compiler = SchemaCompiler(document: model.document)
        var operations: [NodeAddress: StatefulOperation] = [:]
        for operation in model.operations {
            guard let table = map.operations[operation.address], let info = map.tables[table.mapping.table] else {
                continue
            }
            let isList = table.mapping.action == .list
            let required = ItemShape.requiredProperties(of: operation, isList: isList, in: model.document)
            let example = MockTableMap.itemExample(operation, isList: isList, item: JSONObject())
            operations[operation.address] = StatefulOperation(
                operationId: operation.id,
                table: table,
                info: info,
                paging: ListPaging(operation: operation, document: model.document),
                required: required.isEmpty ? info.required : required,
                clearedWhenOmitted: ItemShape.clearedWhenOmitted(
                    of: operation, required: required, in: model.document),
                fields: StatefulOperation.fields(of: operation),
                documents404: operation.response(for: 404) != nil,
                documents409: operation.response(for: 409) != nil,
                conformer: ItemConformer(
                    operation: operation, isList: isList, example: example.isEmpty ? info.example : example,
                    document: model.document, compiler: compiler),
                readAnswers: ReadAnswerCache()
            )
        }
        self.map = map
        self.operations = operations
        var children: [String: Set<String>] = [:]
        for table in map.operations.values {
            if let parent = table.parent { children[parent.table, default: []].insert(table.mapping.table) }
        }
        self.children = children
    }

    package func mapping(for operation: GatehouseSpec.Operation) -> ResourceMapping? {
        operations[operation.address]?.mapping
    }

    /// What a stateful answer of `operation` needs, gathered once when the contract is loaded; nil when the
    /// operation does not map onto a table.
    func prepared(for operation: GatehouseSpec.Operation) -> StatefulOperation? {
        operations[operation.address]
    }

    /// The stateful answer of one request: `request` carries the decoded body, the path parameters and the
    /// contract's example (the shape stored items follow); `base` is the contract's success answer (its status and
    /// headers).
    /// The stateful answer, or nil where the contract's example answers instead: an operation on a table nothing
    /// fills that finds no item.
    nonisolated(nonsending) func answer(_ request: StatefulRequest, base: GatewayAnswer, logger: Logger) async
        -> GatewayAnswer?
    {
        guard let answer = await stored(request, base: base, logger: logger) else { return nil }
        return request.operation.table.unfilled && answer.status == 404 ? nil : answer
    }

    /// Whether the operation creates one item (`POST /lists/{listId}/todos`).
    static func createsOneItem(_ request: StatefulRequest) -> Bool {
        request.mapping.action == .create && request.operation.table.kind == .plain
    }

    /// Whether the operation reads one item by its id (`GET /lists/{listId}/todos/{todoId}`).
    static func readsOneItem(_ request: StatefulRequest) -> Bool {
        request.mapping.action == .read && request.operation.table.kind == .plain
    }

    nonisolated(nonsending) private func stored(_ request: StatefulRequest, base: GatewayAnswer, logger: Logger) async
        -> GatewayAnswer?
    {
        let mapping = request.mapping
        do {
            try await ensureTable(mapping.table)
            // A read looks for its item first and for the parent only when the item is missing: deleting a parent
            // deletes its nested items first, so an item found has its parent. A create checks its parent in the
            // transaction that writes the item (`create`).
            if let parent = request.operation.table.parent, !Self.readsOneItem(request),
                !Self.createsOneItem(request), let missing = try await missingParent(request, parent)
            {
                return missing
            }
            switch (request.operation.table.kind, mapping.action) {
            case (.createMany, _): return try await createMany(request, base: base)
            case (.replaceByBody, _): return try await replaceByBody(request, base: base)
            case (.filter, _): return try await list(request, base: base)
            case (_, .create): return try await create(request, base: base)
            case (_, .read): return try await read(request, base: base)
            case (_, .replace), (_, .merge): return try await write(request, base: base)
            case (_, .delete): return try await delete(request, base: base)
            case (_, .list): return try await list(request, base: base)
            }
        } catch let refusal as StatefulRefusal {
            return request.declaredOr(400, detail: refusal.detail, problem(400, "Bad Request", refusal.detail, base))
        } catch let error as TableStoreError where error.code == .conditionFailed {
            let detail = "a '\(mapping.table)' item with this id already exists"
            return request.declaredOr(409, detail: detail, problem(409, "Conflict", detail, base))
        } catch let error as TableStoreError where error.code == .itemTooLarge {
            let detail = "the item is larger than the mock store holds (400 KB as compact JSON)"
            return request.declaredOr(413, detail: detail, problem(413, "Content Too Large", detail, base))
        } catch let error as TableStoreError where error.code == .invalidKey {
            let detail = "the item's key cannot be stored: it is empty or longer than 1,024 bytes"
            return request.declaredOr(400, detail: detail, problem(400, "Bad Request", detail, base))
        } catch let error as TableStoreError where error.code == .invalidCursor {
            let detail = "the cursor is not one this API gave out"
            return request.declaredOr(400, detail: detail, problem(400, "Bad Request", detail, base))
        } catch {
            // The store's errors name the condition (a full disk, a read-only file) but never stored values.
            logger.error(
                "the table store failed; answering 503",
                metadata: [
                    "operation": .string(base.operationId ?? "-"), "table": .string(mapping.table),
                    "error": "\(error)",
                ]
            )
            return problem(503, "Service Unavailable", "the mock store failed: \(error)", base)
        }
    }

    nonisolated(nonsending) func ensureTable(_ name: String) async throws {
        guard !tables.contains(name) else { return }
        _ = try await store.createTable(MockTables.definition(name))
        tables.insert(name)
    }

    func problem(_ status: Int, _ title: String, _ detail: String, _ base: GatewayAnswer) -> GatewayAnswer {
        GatewayAnswer(Problem(status: status, title: title, detail: detail), operationId: base.operationId)
    }

    /// The answer with `value` as its JSON body, keeping the contract's status and headers.
    static func replacingBody(of base: GatewayAnswer, with value: JSONValue, status: Int? = nil) -> GatewayAnswer {
        replacingBody(of: base, withJSON: JSONWriter.bytes(value), status: status)
    }

    /// `base` with `json` (a JSON text) as its body.
    static func replacingBody(of base: GatewayAnswer, withJSON json: [UInt8], status: Int? = nil) -> GatewayAnswer {
        var answer = base
        answer.body = json
        if let status { answer.status = status }
        if !answer.headers.contains(.contentType) {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers.append(contentsOf: answer.headers)
            answer.headers = headers
        }
        return answer
    }

}

/// A request the stateful mock refuses with 400: a key no item can have (an empty id in a create body).
struct StatefulRefusal: Error {
    var detail: String
}

/// Tables this process has already created (creating is idempotent, but costs a round trip per request).
final class CreatedTables: @unchecked Sendable {
    // @unchecked: `names` is only read and written under `lock`.
    private let lock = NSLock()
    private var names = Set<String>()

    func contains(_ name: String) -> Bool { lock.withLock { names.contains(name) } }
    func insert(_ name: String) { _ = lock.withLock { names.insert(name) } }
}

/// What one operation's stateful answers need, gathered when the contract is loaded.
struct StatefulOperation: Sendable {
    let operationId: String
    /// The operation's part: its mapping (with the table's key), kind, filters and parent.
    let table: TableOperation
    /// The table's key and item shape.
    let info: TableInfo
    /// How the operation pages (read for lists).
    let paging: ListPaging
    /// The item properties its answer's schema requires.
    let required: Set<String>
    /// The required, nullable properties its request body declares (`ItemShape.clearedWhenOmitted`).
    let clearedWhenOmitted: Set<String>
    /// The query parameters an item can take its fields from, for a create or update without a body.
    let fields: Set<String>
    /// Whether the contract documents a 404 for the operation (exactly, by `4XX` or `default`): else a missing item
    /// is not an answer it can give, so a delete of one succeeds and a replace or update creates it.
    let documents404: Bool
    /// Whether the contract documents a 409: else a create with the id of an item replaces it.
    let documents409: Bool
    /// Shapes items by the answer's schema; nil when the answer has no object schema.
    let conformer: ItemConformer?
    /// The answers of the operation's item reads, by the stored item they were made from.
    let readAnswers: ReadAnswerCache

    var mapping: ResourceMapping { table.mapping }

    /// The query parameters that are not paging parameters.
    static func fields(of operation: GatehouseSpec.Operation) -> Set<String> {
        let paging = Set(ListPaging.sizeNames + ListPaging.cursorNames + ListPaging.pageNames + ListPaging.offsetNames)
        return Set(operation.parameters.filter { $0.location == .query && !paging.contains($0.name) }.map(\.name))
    }
}
