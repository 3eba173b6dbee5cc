import GatehouseSpec

extension SchemaShape {
    /// How deep nested schemas are followed; recursive schemas (a tree of nodes) stop here and become unconstrained.
    static let inspectionDepth = 8

    /// The shape of the schema at `reference`, following `$ref`, `allOf`, `oneOf` and `anyOf`; unconstrained when
    /// there is no schema or it cannot be read.
    init(_ reference: SchemaReference?, in document: SpecDocument) {
        guard let reference else {
            self.init()
            return
        }
        self = Self.inspect(reference.address, in: document, depth: 0)
    }

    private static func inspect(_ address: NodeAddress, in document: SpecDocument, depth: Int) -> SchemaShape {
        guard depth <= inspectionDepth, let value = document.value(at: address) else { return SchemaShape() }
        guard case .object(let object) = value else {
            // `true`/`false` schemas (3.1) say nothing about types.
            return SchemaShape()
        }
        var shape = SchemaShape()
        if object["$ref"]?.stringValue != nil, case .success(let target) = document.dereference(address) {
            var referenced = inspect(target.address, in: document, depth: depth + 1)
            let tokens = target.address.pointer.tokens
            if tokens.count == 3 && tokens[0] == "components" && tokens[1] == "schemas" {
                referenced.componentName = referenced.componentName ?? tokens[2]
            }
            // OpenAPI 3.0 ignores siblings of `$ref`; in 3.1 they apply too, which `intersect` below handles.
            if !document.version.is3_1 { return referenced }
            shape = referenced
        }
        var own = SchemaShape()
        switch object["type"] {
        case .string(let name)?:
            own.types = Types(name: name) ?? []
        case .array(let names)?:
            for case .string(let name) in names { own.types.formUnion(Types(name: name) ?? []) }
        default:
            break
        }
        if object["nullable"]?.boolValue == true && !own.types.isEmpty { own.types.insert(.null) }
        own.format = object["format"]?.stringValue
        own.contentEncoding = object["contentEncoding"]?.stringValue
        own.contentMediaType = object["contentMediaType"]?.stringValue
        if case .object? = object["items"] {
            own.items = [inspect(address.appending("items"), in: document, depth: depth + 1)]
        }
        if case .object(let properties)? = object["properties"] {
            for member in properties.members {
                let child = inspect(
                    address.appending("properties").appending(member.key), in: document, depth: depth + 1)
                own.properties.append(Property(name: member.key, shape: child))
            }
        }
        if case .object? = object["additionalProperties"] {
            own.additionalProperties = [
                inspect(address.appending("additionalProperties"), in: document, depth: depth + 1)
            ]
        }
        if case .object(let xml)? = object["xml"] {
            own.xml.name = xml["name"]?.stringValue
            own.xml.attribute = xml["attribute"]?.boolValue ?? false
            own.xml.wrapped = xml["wrapped"]?.boolValue ?? false
        }
        if own.types.isEmpty {
            own.types = inferredTypes(object)
        }
        shape.intersect(own)
        if case .array(let all)? = object["allOf"] {
            for index in all.indices {
                shape.intersect(inspect(address.appending("allOf").appending(index), in: document, depth: depth + 1))
            }
        }
        for keyword in ["oneOf", "anyOf"] {
            guard case .array(let alternatives)? = object[keyword] else { continue }
            shape.unite(
                alternatives.indices.map {
                    inspect(address.appending(keyword).appending($0), in: document, depth: depth + 1)
                }
            )
        }
        return shape
    }

    /// Types implied by keywords when `type` is absent, so `{properties: …}` still decodes as an object.
    private static func inferredTypes(_ object: JSONObject) -> Types {
        if case .array(let values)? = object["enum"], !values.isEmpty {
            return values.reduce(Types()) { $0.union(Types(of: $1)) }
        }
        if let value = object["const"] { return Types(of: value) }
        if object["properties"] != nil || object["additionalProperties"] != nil || object["patternProperties"] != nil {
            return .object
        }
        if object["items"] != nil || object["prefixItems"] != nil { return .array }
        return []
    }
}
