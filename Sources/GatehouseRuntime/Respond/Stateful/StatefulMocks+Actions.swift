import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore
import HTTPTypes

extension StatefulMocks {
    func create(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        let mapping = request.mapping
        let id: JSONValue
        if let given = request.body?[mapping.idProperty], given.stringValue != nil || given.numberValue != nil {
            id = given
        } else if request.itemExample[mapping.idProperty]?.numberValue != nil {
            id = .number(try await nextSequence(mapping.table))
        } else {
            id = .string(TimeOrderedID.shared.next())
        }
        let idText = Self.text(id)
        var item = request.item(id: id, created: nil)
        item[Self.partitionAttribute] = .string(request.partition)
        item[Self.idAttribute] = .string(MockTables.idKey(id, integerIds: request.integerIds))
        _ = try await store.putItem(
            table: mapping.table,
            item: item,
            condition: .attributeNotExists(Self.idAttribute)
        )
        var answer = Self.replacingBody(of: base, with: Self.visible(item))
        if answer.headers[.location] != nil {
            let path = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
            answer.headers[.location] = path + "/" + idText
        }
        return answer
    }

    func read(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        guard let id = request.itemId,
            let item = try await store.getItem(table: request.mapping.table, key: request.key(id))
        else { return notFound(request, base) }
        return Self.replacingBody(of: base, with: Self.visible(item))
    }

    /// PUT replaces the item (keeping its creation time); PATCH applies the body as a JSON merge patch (RFC 7396).
    func write(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        let table = request.mapping.table
        guard let id = request.itemId, let existing = try await store.getItem(table: table, key: request.key(id)) else {
            return notFound(request, base)
        }
        var item: JSONObject
        if request.mapping.action == .merge {
            item = Self.mergePatch(existing, request.body ?? JSONObject())
            // RFC 7396 removes a member patched to `null`; one the contract's items require (a nullable one) stays,
            // as null, so the answer still fits the contract.
            for member in request.body ?? JSONObject()
            where member.value == .null && request.required.contains(member.key) {
                item[member.key] = .null
            }
            let now = ItemTimestamp.now()
            for key in ["updatedAt", "updated_at"] where item[key] != nil { item[key] = now }
        } else {
            let created = existing["createdAt"] ?? existing["created_at"]
            item = request.item(id: existing[request.mapping.idProperty] ?? .string(id), created: created)
        }
        item[request.mapping.idProperty] = existing[request.mapping.idProperty]
        item[Self.partitionAttribute] = existing[Self.partitionAttribute]
        item[Self.idAttribute] = existing[Self.idAttribute]
        _ = try await store.putItem(table: table, item: item, condition: .attributeExists(Self.idAttribute))
        return Self.replacingBody(of: base, with: Self.visible(item))
    }

    func delete(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        guard let id = request.itemId,
            let old = try await store.deleteItem(table: request.mapping.table, key: request.key(id), condition: nil)
        else { return notFound(request, base) }
        return base.body.isEmpty ? base : Self.replacingBody(of: base, with: Self.visible(old))
    }

    func notFound(_ request: StatefulRequest, _ base: GatewayAnswer) -> GatewayAnswer {
        let detail = "no '\(request.mapping.table)' item with id '\(request.itemId ?? "")'"
        return request.declaredOr(404, detail: detail, problem(404, "Not Found", detail, base))
    }

    /// The next integer of a table's id sequence, atomically.
    func nextSequence(_ table: String) async throws -> JSONNumber {
        _ = try await store.createTable(
            TableDefinition(name: Self.sequencesTable, partitionKey: KeyAttribute("name", .string))
        )
        let updated = try await store.updateItem(
            table: Self.sequencesTable,
            key: ItemKey(.string(table)),
            actions: [.add("value", JSONNumber(1))],
            condition: nil
        )
        return updated["value"]?.numberValue ?? JSONNumber(1)
    }

    static func text(_ value: JSONValue) -> String {
        MockTables.text(value)
    }

    /// RFC 7396: members of the patch replace the target's, `null` removes, objects merge recursively.
    static func mergePatch(_ target: JSONObject, _ patch: JSONObject) -> JSONObject {
        var result = target
        for member in patch {
            switch member.value {
            case .null:
                result[member.key] = nil
            case .object(let nested):
                result[member.key] = .object(mergePatch(result[member.key]?.objectValue ?? JSONObject(), nested))
            default:
                result[member.key] = member.value
            }
        }
        return result
    }
}
