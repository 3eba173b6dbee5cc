import GatehouseJSON
package import GatehouseSpec
import GatehouseValidation

/// How the contract's operations map onto the tables of the stateful mocks, worked out over the whole contract when
/// it is loaded (`ResourceMapping` sees one operation at a time):
///
/// - finders and bulk creates under a collection (`GET /pet/findByStatus`, `POST /user/createWithList`) work on the
///   collection's table; `PUT /pet` replaces the item named by the body's id; `POST /pet/{petId}` updates from fields;
/// - only an operation whose answer is an array (or an object wrapping one) lists (`GET /user/login` does not);
/// - an operation on a table that no operation fills (no create, no seed in the contract) finds only items seeded
///   from files or loaded, and answers from the contract's examples where it finds none (never a 404 forever);
/// - each table's key is the property its item path's parameter names (`/user/{username}` → `username`, `petId` →
///   `id`, `{name}` → `metadata.name`), else the one whose example value is the parameter's, unless
///   `x-gatehouse-table`'s `key` says which;
/// - a nested collection knows its parent's table, so a missing parent is a missing collection.
///
/// An operation with `x-gatehouse-table` keeps the action it names.
package struct MockTableMap: Sendable {
    /// Per operation (by address): its part in the stateful mocks; absent when it answers from examples.
    package private(set) var operations: [NodeAddress: TableOperation] = [:]
    /// Per table: its key and the shape of its items.
    private(set) var tables: [String: TableInfo] = [:]

    package init(model: APIModel) {
        let document = model.document
        let compiler = SchemaCompiler(document: document)
        var candidates: [Candidate] = model.operations.compactMap { operation in
            let explicit = operation.extensions[OperationGateway.tableName]?.objectValue
            let isExplicit = explicit?["action"]?.stringValue.flatMap(ResourceMapping.Action.init(rawValue:)) != nil
            if let mapping = ResourceMapping.of(operation) {
                return Candidate(
                    operation: operation, table: TableOperation(mapping: mapping, kind: .plain), explicit: isExplicit,
                    explicitKey: explicit?["key"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
            }
            return Self.unusualShape(operation).map { Candidate(operation: operation, table: $0, explicit: false) }
        }
        Self.retargetFindersAndBulkCreates(&candidates, document: document)
        candidates.removeAll { !$0.explicit && $0.isList && !Self.answersWithAList($0.operation, document) }
        candidates.removeAll {
            !$0.explicit && !$0.isList && $0.table.kind != .createMany
                && !Self.answersWithAnItem($0.operation, document)
        }
        let seeded = Set(model.gateway.seeds.map(\.table))
        let filled = Set(candidates.filter(\.fills).map(\.table.mapping.table)).union(seeded)
        for index in candidates.indices
        where !candidates[index].explicit && !filled.contains(candidates[index].table.mapping.table) {
            candidates[index].table.unfilled = true
        }

        var tables: [String: TableInfo] = [:]
        for name in Set(candidates.map(\.table.mapping.table)) {
            let mapped = candidates.filter { $0.table.mapping.table == name }
            tables[name] = Self.tableInfo(mapped, document: document, compiler: compiler)
        }
        for index in candidates.indices {
            let table = candidates[index].table.mapping.table
            guard let info = tables[table] else { continue }
            candidates[index].table.mapping.idProperty = info.key
            if candidates[index].table.kind == .filter || candidates[index].table.mapping.action == .list {
                candidates[index].table.filters = Self.filters(
                    of: candidates[index].operation, table: table, candidates: candidates, document: document)
            }
        }
        for index in candidates.indices {
            candidates[index].table.parent = Self.parent(of: candidates[index], in: candidates, tables: tables)
        }
        self.tables = tables
        self.operations = Dictionary(
            candidates.map { ($0.operation.address, $0.table) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the stateful mock does for `operation`, for the start banner; `example` when it answers from examples.
    package func summary(of operation: GatehouseSpec.Operation) -> String {
        operations[operation.address]?.summary ?? "example"
    }

    /// One operation's mapping while the map is worked out.
    struct Candidate {
        var operation: GatehouseSpec.Operation
        var table: TableOperation
        /// Whether `x-gatehouse-table` names the action: then it is kept whatever the contract's shapes say.
        var explicit: Bool
        var explicitKey: String? = nil

        var isList: Bool { table.mapping.action == .list }
        /// Whether the operation puts items into its table.
        var fills: Bool { table.mapping.action == .create || table.kind == .replaceByBody }
    }

    /// `PUT /pet` (a replace by the id in the body) and `POST /pet/{petId}` (an update from fields), which the REST
    /// shape alone maps to nothing.
    static func unusualShape(_ operation: GatehouseSpec.Operation) -> TableOperation? {
        let segments = operation.path.segments
        guard let last = segments.last, last.count == 1 else { return nil }
        let parameters = { (end: Int) in
            segments[..<end].flatMap { $0 }.compactMap { part -> String? in
                if case .parameter(let name) = part { return name }
                return nil
            }
        }
        switch (operation.method, last[0]) {
        case (.put, .literal(let collection)) where !collection.isEmpty:
            guard operation.requestBody?.content.contains(where: { $0.mediaType?.isJSON ?? false }) ?? false else {
                return nil
            }
            let mapping = ResourceMapping(
                action: .replace, table: collection, idProperty: "id", itemParameter: nil,
                parentParameters: parameters(segments.count - 1))
            return TableOperation(mapping: mapping, kind: .replaceByBody)
        case (.post, .parameter(let item)):
            guard segments.count >= 2, segments[segments.count - 2].count == 1,
                case .literal(let collection) = segments[segments.count - 2][0], !collection.isEmpty
            else { return nil }
            let mapping = ResourceMapping(
                action: .merge, table: collection, idProperty: "id", itemParameter: item,
                parentParameters: parameters(segments.count - 2))
            return TableOperation(mapping: mapping, kind: .mergeFromFields)
        default:
            return nil
        }
    }

    /// `GET /pet/findByStatus` filters `pet`; `POST /user/createWithList` (an array body) creates many `user`s: a
    /// list or create on a collection no operation reads from, right under a collection that has items.
    static func retargetFindersAndBulkCreates(_ candidates: inout [Candidate], document: SpecDocument) {
        let itemTables = Set(
            candidates.filter { $0.table.mapping.action == .read || $0.table.mapping.action == .create }
                .map(\.table.mapping.table))
        let readTables = Set(candidates.filter { $0.table.mapping.action == .read }.map(\.table.mapping.table))
        for index in candidates.indices where !candidates[index].explicit {
            let candidate = candidates[index]
            let segments = candidate.operation.path.segments
            let mapping = candidate.table.mapping
            guard mapping.itemParameter == nil, !readTables.contains(mapping.table), segments.count >= 2,
                segments[segments.count - 2].count == 1, case .literal(let owner) = segments[segments.count - 2][0],
                owner != mapping.table, itemTables.contains(owner)
            else { continue }
            if mapping.action == .list {
                candidates[index].table.mapping.table = owner
                candidates[index].table.kind = .filter
            } else if mapping.action == .create, Self.takesAnArray(candidate.operation, document) {
                candidates[index].table.mapping.table = owner
                candidates[index].table.kind = .createMany
            }
        }
    }

    /// Whether the operation's JSON request body is an array.
    static func takesAnArray(_ operation: GatehouseSpec.Operation, _ document: SpecDocument) -> Bool {
        guard let schema = operation.requestBody?.content.first(where: { $0.mediaType?.isJSON ?? false })?.schema,
            let (_, object) = ItemShape.resolve(schema.address, document)
        else { return false }
        return object["type"]?.stringValue == "array" || object["items"] != nil
    }

    /// Whether the success answer is an array, or an object with an array member (a wrapped list).
    static func answersWithAList(_ operation: GatehouseSpec.Operation, _ document: SpecDocument) -> Bool {
        guard let response = ItemShape.successResponse(of: operation),
            let media = response.content.first(where: { $0.mediaType?.isJSON ?? false })
        else { return false }
        guard let schema = media.schema, let (address, object) = ItemShape.resolve(schema.address, document) else {
            return media.example?.arrayValue != nil
        }
        if object["type"]?.stringValue == "array" || object["items"] != nil { return true }
        return ItemShape.properties(object, at: address, document, depth: 0).values.contains {
            ItemShape.resolve($0, document)?.1["type"]?.stringValue == "array"
        }
    }

    /// Whether the success answer can hold an item: no JSON schema, or an object schema (not an array, not a
    /// string, as `POST /{dataset}/{version}/records` answering a list of matches is not a create).
    static func answersWithAnItem(_ operation: GatehouseSpec.Operation, _ document: SpecDocument) -> Bool {
        guard let response = ItemShape.successResponse(of: operation),
            let schema = response.content.first(where: { $0.mediaType?.isJSON ?? false })?.schema,
            let (_, object) = ItemShape.resolve(schema.address, document)
        else { return true }
        if object["items"] != nil { return false }
        guard let type = object["type"] else { return true }
        if let name = type.stringValue { return name == "object" }
        return type.arrayValue?.contains(.string("object")) ?? true
    }

    /// The table of a nested collection's parent: the one read at the path before the collection
    /// (`/lists/{listId}` for `/lists/{listId}/todos`).
    static func parent(of candidate: Candidate, in candidates: [Candidate], tables: [String: TableInfo]) -> ParentLink?
    {
        let mapping = candidate.table.mapping
        guard !mapping.parentParameters.isEmpty else { return nil }
        let segments = candidate.operation.path.segments
        let collectionIndex = segments.count - (mapping.itemParameter == nil ? 1 : 2)
        guard collectionIndex >= 1 else { return nil }
        let prefix = PathTemplate("/" + segments[..<collectionIndex].map(Self.text).joined(separator: "/")).shape
        guard
            let reader = candidates.first(where: {
                $0.table.mapping.action == .read && $0.table.kind == .plain && $0.operation.path.shape == prefix
            }), reader.table.mapping.table != mapping.table, let info = tables[reader.table.mapping.table]
        else { return nil }
        return ParentLink(
            table: reader.table.mapping.table,
            itemParameter: mapping.parentParameters[mapping.parentParameters.count - 1],
            parentParameters: Array(mapping.parentParameters.dropLast()),
            integerIds: info.integerIds
        )
    }

    static func text(_ segment: [PathTemplate.Part]) -> String {
        segment.map {
            switch $0 {
            case .literal(let text): return text
            case .parameter(let name): return "{\(name)}"
            }
        }.joined()
    }
}
