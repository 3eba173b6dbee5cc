import Foundation
import GatehouseJSON
package import GatehouseSpec
package import GatehouseStore
import GatehouseValidation
import HTTPTypes
import Logging

/// Table-backed mocks: operations that map onto a table (`ResourceMapping`) create, read, replace, merge, delete and
/// list items of the store, so a POST is seen by a later GET. `StatefulResponder` answers one operation with it.
///
/// Answers start from the contract's own mock answer (its status, headers and example shape) and put the stored item
/// in place of the example: the id the store generated (an integer sequence or a uuid, following the example's id),
/// the client's fields, the parent path parameters, and fresh timestamps where the example has them.
package final class StatefulMocks: Sendable {
    let store: any TableStore
    private let mappings: [NodeAddress: ResourceMapping]
    /// Per operation: the item properties its answer's schema requires.
    private let requiredProperties: [NodeAddress: Set<String>]
    /// Per operation: the required, nullable properties its request body declares (`ItemShape.clearedWhenOmitted`).
    private let clearedWhenOmitted: [NodeAddress: Set<String>]
    /// Per operation: how it pages (read for lists).
    private let paging: [NodeAddress: ListPaging]
    /// The tables whose item schema types ids as integers.
    private let integerIdTables: Set<String>
    private let tables = CreatedTables()

    static let partitionAttribute = MockTables.partitionAttribute
    static let idAttribute = MockTables.idAttribute
    static let sequencesTable = MockTables.sequencesTable

    package init(model: APIModel, store: any TableStore) {
        self.store = store
        var mappings: [NodeAddress: ResourceMapping] = [:]
        var requiredProperties: [NodeAddress: Set<String>] = [:]
        var clearedWhenOmitted: [NodeAddress: Set<String>] = [:]
        var paging: [NodeAddress: ListPaging] = [:]
        for operation in model.operations {
            guard let mapping = ResourceMapping.of(operation) else { continue }
            mappings[operation.address] = mapping
            paging[operation.address] = ListPaging(operation: operation, document: model.document)
            let required = ItemShape.requiredProperties(
                of: operation,
                isList: mapping.action == .list,
                in: model.document
            )
            requiredProperties[operation.address] = required
            clearedWhenOmitted[operation.address] = ItemShape.clearedWhenOmitted(
                of: operation, required: required, in: model.document)
        }
        self.mappings = mappings
        self.requiredProperties = requiredProperties
        self.clearedWhenOmitted = clearedWhenOmitted
        self.paging = paging
        self.integerIdTables = Set(MockTableShape.all(in: model).values.filter(\.integerIds).map(\.table))
    }

    package func mapping(for operation: GatehouseSpec.Operation) -> ResourceMapping? {
        mappings[operation.address]
    }

    /// What a stateful answer of `operation` needs, gathered once when the contract is loaded; nil when the
    /// operation does not map onto a table.
    func prepared(for operation: GatehouseSpec.Operation) -> StatefulOperation? {
        guard let mapping = mappings[operation.address], let paging = paging[operation.address] else { return nil }
        return StatefulOperation(
            operationId: operation.id,
            mapping: mapping,
            paging: paging,
            integerIds: integerIdTables.contains(mapping.table),
            required: requiredProperties[operation.address] ?? [],
            clearedWhenOmitted: clearedWhenOmitted[operation.address] ?? []
        )
    }

    /// The stateful answer of one request: `request` carries the decoded body, the path parameters and the
    /// contract's example (the shape stored items follow); `base` is the contract's success answer (its status and
    /// headers).
    func answer(_ request: StatefulRequest, base: GatewayAnswer, logger: Logger) async -> GatewayAnswer {
        let mapping = request.mapping
        do {
            try await ensureTable(mapping.table)
            switch mapping.action {
            case .create: return try await create(request, base: base)
            case .read: return try await read(request, base: base)
            case .replace, .merge: return try await write(request, base: base)
            case .delete: return try await delete(request, base: base)
            case .list: return try await list(request, base: base)
            }
        } catch let error as TableStoreError where error.code == .conditionFailed {
            let detail = "a '\(mapping.table)' item with this id already exists"
            return request.declaredOr(409, detail: detail, problem(409, "Conflict", detail, base))
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

    func ensureTable(_ name: String) async throws {
        guard !tables.contains(name) else { return }
        _ = try await store.createTable(MockTables.definition(name))
        tables.insert(name)
    }

    func problem(_ status: Int, _ title: String, _ detail: String, _ base: GatewayAnswer) -> GatewayAnswer {
        GatewayAnswer(Problem(status: status, title: title, detail: detail), operationId: base.operationId)
    }

    /// The answer with `value` as its JSON body, keeping the contract's status and headers.
    static func replacingBody(of base: GatewayAnswer, with value: JSONValue, status: Int? = nil) -> GatewayAnswer {
        var answer = base
        answer.body = Array(JSONWriter.string(value).utf8)
        if let status { answer.status = status }
        if answer.headers[.contentType] == nil {
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers.append(contentsOf: answer.headers)
            answer.headers = headers
        }
        return answer
    }

    /// An item as clients see it: without the store's key attributes.
    static func visible(_ item: JSONObject) -> JSONValue {
        var copy = item
        copy[partitionAttribute] = nil
        copy[idAttribute] = nil
        return .object(copy)
    }
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
    let mapping: ResourceMapping
    /// How the operation pages (read for lists).
    let paging: ListPaging
    /// Whether the table's ids are integers, keyed in numeric order.
    let integerIds: Bool
    /// The item properties its answer's schema requires.
    let required: Set<String>
    /// The required, nullable properties its request body declares (`ItemShape.clearedWhenOmitted`).
    let clearedWhenOmitted: Set<String>
}
