import Foundation
package import GatehouseJSON
package import GatehouseSpec
import GatehouseValidation

/// What the contract says about one mock table: the id property, the path parameters that partition it and the
/// schema its items follow, so items that do not come from a request (seeds, `gatehouse store load`) are checked and
/// keyed the way a create would key them.
package struct MockTableShape: Sendable {
    /// The table's name.
    package var table: String
    /// The property holding an item's id.
    package var idProperty: String
    /// The path parameters before the collection, whose values partition the table.
    package var parentParameters: [String]
    /// The item schema: the success answer of the table's read operation (else create, replace or merge).
    let itemSchema: CompiledSchema?
    /// Where that schema is, to name it in messages.
    let schemaName: String?
    /// The properties the item schema requires.
    let required: Set<String>
    /// Whether the item schema types the id as an integer (or a number): then ids are keyed in numeric order.
    package var integerIds: Bool

    /// A table the contract does not describe: ids in `id`, no parent parameters, no schema.
    package init(table: String) {
        self.table = table
        self.idProperty = "id"
        self.parentParameters = []
        self.itemSchema = nil
        self.schemaName = nil
        self.required = []
        self.integerIds = false
    }

    init(
        mapping: ResourceMapping, operation: GatehouseSpec.Operation?, model: APIModel, compiler: SchemaCompiler,
        integerIds: Bool? = nil
    ) {
        self.table = mapping.table
        self.idProperty = mapping.idProperty
        self.parentParameters = mapping.parentParameters
        let schema = operation.flatMap(ItemShape.successResponse(of:))?
            .content.first(where: { $0.mediaType?.isJSON ?? false })?.schema
        self.itemSchema = schema.flatMap { try? compiler.compile($0) }
        self.schemaName = schema.map { Self.name(of: $0, in: model.document) }
        if let schema, let (address, object) = ItemShape.resolve(schema.address, model.document) {
            self.required = ItemShape.required(object, at: address, model.document, depth: 0)
            let id = ItemShape.resolve(address.appending("properties").appending(mapping.idProperty), model.document)
            let type = id?.1["type"]
            self.integerIds =
                integerIds
                ?? [JSONValue.string("integer"), .string("number")].contains {
                    type == $0 || (type?.arrayValue?.contains($0) ?? false)
                }
        } else {
            self.required = []
            self.integerIds = integerIds ?? false
        }
    }

    /// The shape of every table the contract's operations map to, by table name.
    package static func all(in model: APIModel) -> [String: MockTableShape] {
        let compiler = SchemaCompiler(document: model.document)
        // Every table an operation names, keyed as the stateful mocks key it (`MockTableMap`).
        let map = MockTableMap(model: model)
        var byTable: [String: [(ResourceMapping, GatehouseSpec.Operation)]] = [:]
        for operation in model.operations {
            guard var mapping = map.operations[operation.address]?.mapping ?? ResourceMapping.of(operation) else {
                continue
            }
            if let key = map.tables[mapping.table]?.key { mapping.idProperty = key }
            byTable[mapping.table, default: []].append((mapping, operation))
        }
        var shapes: [String: MockTableShape] = [:]
        let preference: [ResourceMapping.Action] = [.read, .create, .replace, .merge]
        for (table, mapped) in byTable {
            let itemOperation = preference.lazy.compactMap { action in mapped.first { $0.0.action == action } }.first
            let mapping = itemOperation?.0 ?? mapped[0].0
            shapes[table] = MockTableShape(
                mapping: mapping, operation: itemOperation?.1, model: model, compiler: compiler,
                integerIds: map.tables[table]?.integerIds)
        }
        return shapes
    }

    /// The item as the table stores it, after filling required timestamps the item lacks and checking it against
    /// the item schema. Throws a message naming the first problems.
    package func storedItem(_ item: JSONObject) throws(MockItemError) -> JSONObject {
        var item = item
        let timestamp = ItemTimestamp.now()
        for key in ["createdAt", "created_at", "updatedAt", "updated_at"]
        where required.contains(key) && item[key] == nil {
            item[key] = timestamp
        }
        let stored = try MockTables.storedItem(
            item,
            idProperty: idProperty,
            parentParameters: parentParameters,
            // Without a contract, the value says: a number id is keyed in numeric order.
            integerIds: itemSchema == nil ? item[idProperty]?.numberValue != nil : integerIds
        )
        if let itemSchema {
            var visible = stored
            visible[MockTables.partitionAttribute] = nil
            visible[MockTables.idAttribute] = nil
            let issues = itemSchema.validate(.object(visible), options: ValidationOptions(direction: .response))
            if let first = issues.first {
                let place = first.location.isEmpty ? "" : " at '\(first.location)'"
                let more = issues.count > 1 ? " (and \(issues.count - 1) more)" : ""
                throw MockItemError(
                    "the item does not match the schema '\(schemaName ?? "item")' of table '\(table)'\(place): "
                        + "\(first.message)\(more)"
                )
            }
        }
        return stored
    }

    /// `Todo` for `#/components/schemas/Todo`, else the JSON pointer.
    static func name(of schema: SchemaReference, in document: SpecDocument) -> String {
        let tokens = schema.address.pointer.tokens
        if tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas" { return tokens[2] }
        if case .success(let resolved) = document.dereference(schema.address) {
            let resolvedTokens = resolved.address.pointer.tokens
            if resolvedTokens.count == 3, resolvedTokens[0] == "components", resolvedTokens[1] == "schemas" {
                return resolvedTokens[2]
            }
        }
        return schema.address.pointer.fragment
    }
}
