import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore
import HTTPTypes

extension StatefulMocks {
    /// A create under a parent (`POST /lists/{listId}/todos`) whose contract answers a missing parent (a 404) writes
    /// the item in one transaction with a check that the parent exists, so no item is stored under a parent that
    /// is not there, nor under one deleted meanwhile. Without such an answer the create goes on either way.
    nonisolated(nonsending) func create(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        let checked = request.operation.documents404 ? request.operation.table.parent : nil
        var parentItem: ParentItem?
        if let parent = checked {
            guard let key = request.parentKey(parent) else { return parentMissing(request, parent) ?? base }
            try await ensureTable(parent.table)
            parentItem = ParentItem(table: parent.table, key: key)
        }
        let written: WrittenItem
        do {
            written = try await insert(request.body, request, under: parentItem)
        } catch is ParentItem.Missing {
            return checked.flatMap { parentMissing(request, $0) } ?? base
        }
        guard let visible = request.visible(written) else { return base }
        var answer = Self.replacingBody(of: base, with: visible)
        if answer.headers.contains(.location),
            let id = ItemKeyPath.value(in: written.item, request.mapping.idProperty)
        {
            let path = request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
            answer.headers[.location] = path + "/" + Self.text(id)
        }
        return answer
    }

    /// `POST /user/createWithList`: every item of the array body, each as a create would store it. The answer is the
    /// items when the contract answers with an array, else the first item, else the contract's own answer.
    nonisolated(nonsending) func createMany(_ request: StatefulRequest, base: GatewayAnswer) async throws
        -> GatewayAnswer
    {
        var created: [JSONValue] = []
        for element in request.bodyArray ?? [] {
            guard let fields = element.objectValue else { continue }
            if let visible = request.visible(try await insert(fields, request)) { created.append(visible) }
        }
        switch request.example {
        case .array: return Self.replacingBody(of: base, with: .array(created))
        case .object: return created.first.map { Self.replacingBody(of: base, with: $0) } ?? base
        default: return base
        }
    }

    /// Stores a new item from `fields` (the body, or the query's item fields) and returns it: keyed by the client's
    /// id when it sends one (which the integer sequence then skips), else by one the mock makes up.
    /// With `parent`, the item is written only while that item exists (else `ParentItem.Missing`).
    nonisolated(nonsending) func insert(
        _ fields: JSONObject?, _ request: StatefulRequest, under parent: ParentItem? = nil
    ) async throws -> WrittenItem {
        let mapping = request.mapping
        guard MockTables.isStorable(request.partition) else {
            throw StatefulRefusal(detail: "the path's parameters are longer than an item's key can be (1,024 bytes)")
        }
        if let given = fields.flatMap({ ItemKeyPath.value(in: $0, mapping.idProperty) }),
            given.stringValue != nil || given.numberValue != nil
        {
            let key = MockTables.idKey(given, integerIds: request.integerIds)
            guard MockTables.isStorable(key) else {
                let problem = key.isEmpty ? "it is empty" : "it is longer than 1,024 bytes"
                throw StatefulRefusal(
                    detail:
                        "the \(request.fieldsPart) '\(mapping.idProperty)' cannot be the id of a '\(mapping.table)' item: "
                        + problem)
            }
            // Without a documented 409, a create with the id of an item replaces it, as a PUT would.
            let item = try await put(
                request.item(id: given, created: nil, from: fields), key: key, request,
                replacing: !request.operation.documents409, under: parent)
            if request.integerIds, let integer = given.numberValue?.int64 {
                try await skipSequence(of: mapping.table, past: integer)
            }
            return item
        }
        var attempt = 0
        while true {
            let id = try await madeUpKey(request)
            do {
                let key = MockTables.idKey(id, integerIds: request.integerIds)
                return try await put(request.item(id: id, created: nil, from: fields), key: key, request, under: parent)
            } catch let error as TableStoreError where error.code == .conditionFailed && attempt < 20 {
                // A client chose this id before: take the next one.
                attempt += 1
            }
        }
    }

    /// Writes a new item under `key`; a condition failure when an item has that key already. With `parent`, in one
    /// transaction with a check that the parent exists (`ParentItem.Missing` when it does not).
    nonisolated(nonsending) private func put(
        _ fields: JSONObject, key: String, _ request: StatefulRequest, replacing: Bool = false,
        under parent: ParentItem? = nil
    ) async throws -> WrittenItem {
        var written = request.storable(fields)
        // The key stays as it was given or made up, whatever the answer's schema says of it.
        let keyPath = request.mapping.idProperty
        ItemKeyPath.set(ItemKeyPath.value(in: fields, keyPath), in: &written.item, keyPath)
        written.item[Self.partitionAttribute] = .string(request.partition)
        written.item[Self.idAttribute] = .string(key)
        let condition: Condition? = replacing ? nil : .attributeNotExists(Self.idAttribute)
        guard let parent else {
            _ = try await store.putItem(table: request.mapping.table, item: written.item, condition: condition)
            return written
        }
        do {
            try await store.transactWrite([
                .conditionCheck(table: parent.table, key: parent.key, condition: .attributeExists(Self.idAttribute)),
                .put(table: request.mapping.table, item: written.item, condition: condition),
            ])
        } catch let error as TableStoreError where error.code == .conditionFailed && error.failedAction == 0 {
            throw ParentItem.Missing()
        }
        return written
    }

    /// The item's answer is made once for each stored text of it (`ReadAnswerCache`): reading an unchanged item
    /// again compares its text with the one the kept answer was made from, and answers with that.
    nonisolated(nonsending) func read(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        guard let id = request.itemId, let key = request.key(id),
            let stored = try await store.getItemJSON(table: request.mapping.table, key: key)
        else {
            if let parent = request.operation.table.parent, let missing = try await missingParent(request, parent) {
                return missing
            }
            return notFound(request, base)
        }
        let answers = request.operation.readAnswers
        let answer: [UInt8]?
        if let kept = answers.entry(for: key, stored: stored) {
            answer = kept.answer
        } else {
            guard let item = (try? JSONParser.parse(stored))?.objectValue else {
                throw TableStoreError(
                    code: .incompatibleStore,
                    message: "the store holds an item of table '\(request.mapping.table)' that is not a JSON object")
            }
            answer = request.visible(item).map { JSONWriter.bytes($0) }
            answers.remember(key, stored: stored, answer: answer)
        }
        return answer.map { Self.replacingBody(of: base, withJSON: $0) } ?? base
    }

    /// `PUT /pet` with the pet in the body: the item the body's id names is replaced.
    nonisolated(nonsending) func replaceByBody(_ request: StatefulRequest, base: GatewayAnswer) async throws
        -> GatewayAnswer
    {
        let property = request.mapping.idProperty
        guard let id = request.body.flatMap({ ItemKeyPath.value(in: $0, property) }),
            id.stringValue != nil || id.numberValue != nil
        else {
            throw StatefulRefusal(detail: "the body has no '\(property)': it names the item to replace")
        }
        return try await write(request, id: Self.text(id), base: base)
    }

    nonisolated(nonsending) func write(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        guard let id = request.itemId else { return notFound(request, base) }
        return try await write(request, id: id, base: base)
    }

    /// PUT replaces the item (keeping its creation time); PATCH applies the body as a JSON merge patch (RFC 7396),
    /// as does an update from fields (`POST /pet/{petId}?name=x`).
    nonisolated(nonsending) func write(_ request: StatefulRequest, id: String, base: GatewayAnswer) async throws
        -> GatewayAnswer
    {
        let table = request.mapping.table
        guard let key = request.key(id) else { return notFound(request, base, id: id) }
        guard let existing = try await store.getItem(table: table, key: key) else {
            guard !request.operation.documents404 else { return notFound(request, base, id: id) }
            // The contract has no answer for a missing item: the replace or update creates it (RFC 9110's PUT).
            let typed: JSONValue =
                request.integerIds ? (JSONNumber(literal: id).map(JSONValue.number) ?? .string(id)) : .string(id)
            let written = try await put(
                request.item(id: typed, created: nil), key: MockTables.idKey(path: id, integerIds: request.integerIds),
                request,
                replacing: true)
            return request.visible(written).map { Self.replacingBody(of: base, with: $0) } ?? base
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
            let existingId = ItemKeyPath.value(in: existing, request.mapping.idProperty) ?? .string(id)
            item = request.item(id: existingId, created: created)
        }
        var written = request.storable(item)
        let existingId = ItemKeyPath.value(in: existing, request.mapping.idProperty)
        if ItemKeyPath.value(in: written.item, request.mapping.idProperty) != existingId {
            // The key stays the stored item's, whatever the body or the answer's schema says of it.
            ItemKeyPath.set(existingId, in: &written.item, request.mapping.idProperty)
            written.answer = nil
        }
        written.item[Self.partitionAttribute] = existing[Self.partitionAttribute]
        written.item[Self.idAttribute] = existing[Self.idAttribute]
        _ = try await store.putItem(
            table: table, item: written.item, condition: .attributeExists(Self.idAttribute))
        return request.visible(written).map { Self.replacingBody(of: base, with: $0) } ?? base
    }

    /// Removes the item, and the items of collections nested under it (a list's todos).
    nonisolated(nonsending) func delete(_ request: StatefulRequest, base: GatewayAnswer) async throws -> GatewayAnswer {
        guard let id = request.itemId, let key = request.key(id) else {
            return request.operation.documents404 ? notFound(request, base) : base
        }
        // The nested items go first, so an item of a nested collection is never found without its parent (a read
        // relies on it), even when the gateway stops half-way.
        let partition = (request.mapping.parentParameters.map { request.captures[$0] ?? "" } + [id])
            .joined(separator: "/")
        for child in children[request.mapping.table] ?? [] {
            try await deletePartition(partition, of: child)
        }
        let deleted = try await store.deleteItem(table: request.mapping.table, key: key, condition: nil)
        // A create checks its parent in its own transaction (`create`), so one that came between the first sweep and
        // the parent's delete committed before it; once the parent is gone, none can. A second sweep takes those.
        for child in children[request.mapping.table] ?? [] {
            try await deletePartition(partition, of: child)
        }
        guard let old = deleted else {
            // Without a documented 404, deleting what is not there succeeds: either way the item is gone.
            return request.operation.documents404 ? notFound(request, base) : base
        }
        guard !base.body.isEmpty else { return base }
        return request.visible(old).map { Self.replacingBody(of: base, with: $0) } ?? base
    }

    /// Removes every item of one partition of a table, a hundred at a time.
    nonisolated(nonsending) func deletePartition(_ partition: String, of table: String) async throws {
        try await ensureTable(table)
        while true {
            let page = try await store.query(
                table: table,
                TableQuery(partition: .string(partition), limit: TableStoreLimits.maximumTransactionActions))
            if page.items.isEmpty { return }
            try await store.transactWrite(
                page.items.compactMap { item in
                    item[Self.idAttribute]?.stringValue.map {
                        .delete(table: table, key: ItemKey(.string(partition), .string($0)))
                    }
                }
            )
        }
    }

    /// The answer when a nested collection's parent item does not exist (`/lists/99999/todos`): the contract's 404
    /// when it declares one, and for an item of the collection the answer of a missing item; nil to go on (a list
    /// or create that declares no 404 answers as if the collection were empty).
    nonisolated(nonsending) func missingParent(_ request: StatefulRequest, _ parent: ParentLink) async throws
        -> GatewayAnswer?
    {
        try await ensureTable(parent.table)
        // The parent's text tells whether it exists, without parsing it.
        if let key = request.parentKey(parent), try await store.getItemJSON(table: parent.table, key: key) != nil {
            return nil
        }
        return parentMissing(request, parent)
    }

    /// The answer when the parent item is known to be missing; nil to go on as `missingParent` says.
    func parentMissing(_ request: StatefulRequest, _ parent: ParentLink) -> GatewayAnswer? {
        let detail = "no '\(parent.table)' item with id '\(request.captures[parent.itemParameter] ?? "")'"
        let fallback = GatewayAnswer(
            Problem(status: 404, title: "Not Found", detail: detail), operationId: request.operation.operationId)
        if request.mapping.itemParameter != nil { return request.declaredOr(404, detail: detail, fallback) }
        return request.operation.documents404 ? request.declaredOr(404, detail: detail, fallback) : nil
    }

    func notFound(_ request: StatefulRequest, _ base: GatewayAnswer, id: String? = nil) -> GatewayAnswer {
        let detail = "no '\(request.mapping.table)' item with id '\(id ?? request.itemId ?? "")'"
        return request.declaredOr(404, detail: detail, problem(404, "Not Found", detail, base))
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
