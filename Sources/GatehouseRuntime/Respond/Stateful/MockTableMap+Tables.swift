import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

extension MockTableMap {
    /// A table's key and item shape, from the operations mapped to it: the item schema and example of its read
    /// answer (else its create, replace or merge answer, else its list's items).
    static func tableInfo(_ mapped: [Candidate], document: SpecDocument, compiler: SchemaCompiler) -> TableInfo {
        let preference: [ResourceMapping.Action] = [.read, .create, .replace, .merge, .list]
        let ordered = preference.flatMap { action in
            mapped.filter { $0.table.mapping.action == action && $0.table.kind != .createMany }
        }
        var item: (address: NodeAddress, object: JSONObject)?
        var example = JSONObject()
        for candidate in ordered {
            guard let found = ItemShape.itemSchema(of: candidate.operation, isList: candidate.isList, in: document)
            else { continue }
            if item == nil { item = found }
            example = Self.itemExample(candidate.operation, isList: candidate.isList, item: found.object)
            if !example.isEmpty { break }
        }
        let properties = item.map { ItemShape.properties($0.object, at: $0.address, document, depth: 0) } ?? [:]
        let required = item.map { ItemShape.required($0.object, at: $0.address, document, depth: 0) } ?? []
        let key: String
        if let explicit = mapped.lazy.compactMap(\.explicitKey).first {
            key = explicit
        } else if let parameter = mapped.lazy.compactMap({ $0.itemParameter }).first {
            key = Self.key(for: parameter, properties: properties, example: example, document: document)
        } else {
            key = "id"
        }
        let keyAddress = Self.address(of: key, properties: properties, document: document)
        let keyObject = keyAddress.flatMap { ItemShape.resolve($0, document)?.1 }
        let type = keyObject?["type"]
        let integerIds = [JSONValue.string("integer"), .string("number")].contains {
            type == $0 || (type?.arrayValue?.contains($0) ?? false)
        }
        return TableInfo(
            key: key,
            integerIds: integerIds,
            keySchema: keyAddress.flatMap { try? compiler.compile(SchemaReference(address: $0)) },
            keyExample: ItemKeyPath.value(in: example, key),
            example: example,
            required: required
        )
    }

    /// The property an item path's parameter names: the property of that name (`username`; case aside: `Sid` →
    /// `sid`), `id` for `petId` or `pet_id`, a nested property of that name (`name` → `metadata.name`), else the
    /// property whose example value is the parameter's example; `id` when nothing fits.
    static func key(
        for parameter: GatehouseSpec.Parameter, properties: [String: NodeAddress], example: JSONObject,
        document: SpecDocument
    ) -> String {
        let name = parameter.name
        if properties[name] != nil { return name }
        if let match = properties.keys.sorted().first(where: { $0.lowercased() == name.lowercased() }) { return match }
        let lowered = name.lowercased()
        if properties["id"] != nil, lowered.hasSuffix("id") { return "id" }
        for (outer, address) in properties.sorted(by: { $0.key < $1.key }) {
            guard let (nestedAddress, nested) = ItemShape.resolve(address, document) else { continue }
            let inner = ItemShape.properties(nested, at: nestedAddress, document, depth: 0)
            if let match = inner.keys.sorted().first(where: { $0.lowercased() == lowered }) {
                return outer + "." + match
            }
        }
        let parameterExample =
            parameter.example ?? parameter.examples.first?.value
            ?? parameter.schema.flatMap { ItemShape.resolve($0.address, document)?.1["example"] }
        if let parameterExample, let path = Self.path(of: parameterExample, in: example) { return path }
        return "id"
    }

    /// The key path (`name`, `metadata.name`) of the first member whose value is `value`, two levels deep.
    static func path(of value: JSONValue, in example: JSONObject) -> String? {
        let text = MockTables.text(value)
        for member in example.sorted(by: { $0.key < $1.key }) {
            if member.value.stringValue != nil || member.value.numberValue != nil, MockTables.text(member.value) == text
            {
                return member.key
            }
        }
        for member in example.sorted(by: { $0.key < $1.key }) {
            guard let nested = member.value.objectValue else { continue }
            for inner in nested.sorted(by: { $0.key < $1.key })
            where inner.value.stringValue != nil || inner.value.numberValue != nil {
                if MockTables.text(inner.value) == text { return member.key + "." + inner.key }
            }
        }
        return nil
    }

    /// Where the key's schema is: the property, or the nested property of a key path.
    static func address(of key: String, properties: [String: NodeAddress], document: SpecDocument) -> NodeAddress? {
        if let address = properties[key] { return address }
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let outer = properties[parts[0]],
            let (nestedAddress, nested) = ItemShape.resolve(outer, document)
        else { return nil }
        return ItemShape.properties(nested, at: nestedAddress, document, depth: 0)[parts[1]]
    }

    /// The contract's example item of an operation's success answer: its example (the first element of a list),
    /// else the item schema's own `example`.
    static func itemExample(_ operation: GatehouseSpec.Operation, isList: Bool, item: JSONObject) -> JSONObject {
        let media = ItemShape.successResponse(of: operation)?.content
            .first(where: { $0.mediaType?.isJSON ?? false })
        let value = media?.example ?? media?.examples.first?.value
        switch value {
        case .object(let object) where isList:
            return object.first { $0.value.arrayValue != nil }?.value.arrayValue?.first?.objectValue ?? JSONObject()
        case .object(let object): return object
        case .array(let array): return array.first?.objectValue ?? JSONObject()
        default: return item["example"]?.objectValue ?? JSONObject()
        }
    }

    /// The query parameters of a finder that name item properties: `status` → `status`; `tags` (or `tag`) → the
    /// `tags` array, compared by its elements' `name` when they are objects.
    static func filters(
        of operation: GatehouseSpec.Operation, table: String, candidates: [Candidate], document: SpecDocument
    ) -> [ItemFilter] {
        let owner = candidates.first { $0.table.mapping.table == table && $0.table.kind != .filter }
        guard let owner,
            let (address, object) = ItemShape.itemSchema(of: owner.operation, isList: owner.isList, in: document)
        else { return [] }
        let properties = ItemShape.properties(object, at: address, document, depth: 0)
        var filters: [ItemFilter] = []
        for parameter in operation.parameters where parameter.location == .query {
            let name = parameter.name
            guard
                let property = [name, name + "s", String(name.dropLast())].first(where: {
                    !$0.isEmpty && properties[$0] != nil
                }), let propertyAddress = properties[property]
            else { continue }
            var member: String?
            if let (arrayAddress, array) = ItemShape.resolve(propertyAddress, document),
                let (elementAddress, element) = ItemShape.resolve(arrayAddress.appending("items"), document),
                array["type"]?.stringValue == "array" || array["items"] != nil
            {
                let members = ItemShape.properties(element, at: elementAddress, document, depth: 0)
                if !members.isEmpty {
                    member =
                        members["name"] != nil
                        ? "name"
                        : members.keys.sorted().first {
                            ItemShape.resolve(members[$0]!, document)?.1["type"]?.stringValue == "string"
                        }
                }
            }
            filters.append(ItemFilter(parameter: name, property: property, member: member))
        }
        return filters
    }
}

extension MockTableMap.Candidate {
    /// The declared parameter naming the item, for an item action.
    var itemParameter: GatehouseSpec.Parameter? {
        guard let name = table.mapping.itemParameter else { return nil }
        return operation.parameters.first { $0.location == .path && $0.name == name }
    }
}
