import GatehouseJSON
import GatehouseSpec

extension SchemaBuilder {
    /// Keywords whose value is one schema.
    static let singleSchemaKeywords: Set<String> = [
        "additionalProperties", "additionalItems", "items", "not", "propertyNames", "contains", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "contentSchema",
    ]
    /// Keywords whose value is an array of schemas.
    static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    /// Keywords whose value maps names to schemas.
    static let schemaMapKeywords: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
    ]
    /// In an OpenAPI document, members that hold instances rather than schemas.
    static let valueKeywords: Set<String> = ["enum", "const", "example", "examples", "default"]

    /// Records the `$id`s and anchors of a document, once. OpenAPI 3.0 schemas have neither.
    func indexDocument(_ key: String) {
        guard !indexedDocuments.contains(key), let root = documents[key] else { return }
        indexedDocuments.insert(key)
        let rootAddress = NodeAddress(file: key, pointer: .root)
        if resources[key] == nil { resources[key] = rootAddress }
        if resourceBases[rootAddress] == nil { resourceBases[rootAddress] = key }
        guard dialect != .openAPI30 else { return }
        // An OpenAPI document is not itself a schema: look for identifiers in every object but instance values.
        index(root, at: rootAddress, base: key, resource: rootAddress, schemaWalk: !dialect.isOpenAPI, depth: 0)
    }

    private func index(
        _ value: JSONValue, at address: NodeAddress, base: String, resource: NodeAddress, schemaWalk: Bool, depth: Int
    ) {
        // Identifiers deeper than this are not indexed; compiling that deep fails with `tooDeep` anyway.
        guard depth < 512 else { return }
        guard case .object(let object) = value else {
            if !schemaWalk, case .array(let elements) = value {
                for (position, element) in elements.enumerated() {
                    index(
                        element, at: address.appending(position), base: base, resource: resource, schemaWalk: false,
                        depth: depth + 1)
                }
            }
            return
        }
        var base = base
        var resource = resource
        let draft4 = dialect.isDraft4Family
        let idKeyword = draft4 ? "id" : "$id"
        // In draft 4, `$ref` hides its siblings, `id` included.
        if case .string(let id)? = object[idKeyword], !(draft4 && object["$ref"] != nil) {
            let resolved = SchemaURI.resolve(id, against: base)
            let (uri, fragment) = SchemaURI.splitFragment(resolved)
            if fragment.isEmpty {
                base = uri
                resource = address
                resources[uri] = address
                resourceBases[address] = uri
            } else {
                if !uri.isEmpty && uri != SchemaURI.splitFragment(base).base {
                    base = uri
                    resource = address
                    resources[uri] = address
                    resourceBases[address] = uri
                }
                anchors[uri + "#" + fragment] = address
            }
        }
        if !draft4 {
            if case .string(let name)? = object["$anchor"] { anchors[base + "#" + name] = address }
            if case .string(let name)? = object["$dynamicAnchor"] {
                anchors[base + "#" + name] = address
                dynamicAnchorsByResource[resource, default: [:]][name] = address
            }
        }
        for member in object {
            let child = address.appending(member.key)
            if !schemaWalk {
                guard !Self.valueKeywords.contains(member.key) else { continue }
                index(member.value, at: child, base: base, resource: resource, schemaWalk: false, depth: depth + 1)
                continue
            }
            if Self.schemaMapKeywords.contains(member.key), case .object(let map) = member.value {
                for entry in map {
                    index(
                        entry.value, at: child.appending(entry.key), base: base, resource: resource, schemaWalk: true,
                        depth: depth + 1)
                }
            } else if Self.schemaArrayKeywords.contains(member.key), case .array(let elements) = member.value {
                for (position, element) in elements.enumerated() {
                    index(
                        element, at: child.appending(position), base: base, resource: resource, schemaWalk: true,
                        depth: depth + 1)
                }
            } else if Self.singleSchemaKeywords.contains(member.key) {
                index(member.value, at: child, base: base, resource: resource, schemaWalk: true, depth: depth + 1)
            }
        }
    }
}
