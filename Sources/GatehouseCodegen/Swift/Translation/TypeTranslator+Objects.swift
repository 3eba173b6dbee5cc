import GatehouseJSON
import GatehouseSpec

extension TypeTranslator {
    /// The members of an object schema and of the `allOf` schemas it is composed of, in document order.
    struct CollectedObject {
        var properties: [(name: String, address: NodeAddress)] = []
        var required: Set<String> = []
        /// The schema of `additionalProperties` when it is one, or true when any member is allowed.
        var additionalSchema: NodeAddress?
        var additionalAllowed = false
        /// Why the members cannot be collected (an `allOf` member that is not an object); nil when they can.
        var problem: String?
    }

    func collectObject(at address: NodeAddress, into collected: inout CollectedObject, visited: inout Set<NodeAddress>)
    {
        guard visited.insert(address).inserted else { return }
        guard let schema = keywords(at: address) else { return }
        if let ref = schema.ref {
            guard case .node(let target) = document.resolve(ref, from: address.file) else {
                collected.problem = "reference '\(ref)' cannot be followed"
                return
            }
            collectObject(at: target, into: &collected, visited: &visited)
            return
        }
        guard schema.isObjectLike else {
            collected.problem = "'allOf' combines an object with a schema that is not one"
            return
        }
        if let properties = schema.properties {
            for member in properties where !collected.properties.contains(where: { $0.name == member.key }) {
                collected.properties.append((member.key, address.appending("properties").appending(member.key)))
            }
        }
        collected.required.formUnion(schema.required)
        switch schema.object["additionalProperties"] {
        case .object?:
            collected.additionalSchema = collected.additionalSchema ?? address.appending("additionalProperties")
        case .bool(true)?:
            collected.additionalAllowed = true
        default:
            break
        }
        if let members = schema.object["allOf"]?.arrayValue {
            for index in members.indices {
                collectObject(at: address.appending("allOf").appending(index), into: &collected, visited: &visited)
            }
        }
    }

    mutating func objectType(
        schema: SchemaKeywords, at address: NodeAddress, suggested: String, _ exactName: String?, _ nest: inout Nest
    ) -> TypeRef {
        var collected = CollectedObject()
        var visited: Set<NodeAddress> = []
        collectObject(at: address, into: &collected, visited: &visited)
        if let problem = collected.problem {
            fallback(at: address, problem)
            return .json
        }
        if collected.properties.isEmpty && exactName == nil {
            // A map: typed values, or free-form.
            if let additional = collected.additionalSchema {
                return .dictionary(typeRef(at: additional, suggested: suggested + "Value", in: &nest))
            }
            return .dictionary(.json)
        }
        return structType(collected, schema: schema, at: address, suggested: suggested, exactName, &nest)
    }

    mutating func structType(
        _ collected: CollectedObject, schema: SchemaKeywords, at address: NodeAddress, suggested: String,
        _ exactName: String?, _ nest: inout Nest
    ) -> TypeRef {
        let (name, path) = declarationName(suggested, exactName: exactName, in: &nest)
        let ancestors = path.split(separator: ".").map(String.init)
        var inner = self.nest(inside: path, ancestors: ancestors)
        var members = NameScope(reserved: ["CodingKeys"])
        var additional: TypeRef?
        var additionalName = "additionalProperties"
        if let schemaAddress = collected.additionalSchema {
            additional = typeRef(at: schemaAddress, suggested: "AdditionalProperty", in: &inner)
        } else if collected.additionalAllowed {
            additional = .json
        }
        if additional != nil { additionalName = members.claim("additionalProperties") }
        var properties: [PropertyShape] = []
        for (wireName, propertyAddress) in collected.properties {
            let required = collected.required.contains(wireName)
            let (base, nullable) = baseType(
                at: propertyAddress, suggested: SwiftName.upperCamel(wireName), exactName: nil, in: &inner)
            let type: TypeRef
            if required {
                // Always on the wire: nil is written as `null`.
                type = nullable ? base.optional : base
            } else if nullable && patchSchemas.contains(propertyAddress) {
                // A partial update tells "keep it" (absent) from "clear it" (`null`).
                type = .optional(.nullable(base))
            } else {
                type = base.optional
            }
            let propertySchema = keywords(at: propertyAddress)
            properties.append(
                PropertyShape(
                    wireName: wireName,
                    swiftName: members.claim(SwiftName.member(wireName)),
                    type: type,
                    required: required,
                    documentation: propertySchema?.description,
                    deprecated: propertySchema?.deprecated ?? false,
                    source: propertyAddress
                )
            )
        }
        nest.declarations.append(
            TypeDeclaration(
                name: name,
                path: path,
                documentation: schema.description,
                kind: .structure(
                    StructShape(
                        properties: properties, additionalProperties: additional,
                        additionalPropertiesName: additionalName)),
                nested: inner.declarations,
                source: address
            )
        )
        return .named(path)
    }

    mutating func allOfType(
        members: [JSONValue], schema: SchemaKeywords, at address: NodeAddress, suggested: String,
        _ exactName: String?, _ nest: inout Nest
    ) -> (TypeRef, nullable: Bool) {
        // `allOf: [X]` with nothing else is X (the usual way to add a description or default to a reference).
        if members.count == 1, schema.properties == nil, schema.types.isEmpty || schema.types == ["object"],
            schema.object["additionalProperties"] == nil
        {
            return baseType(
                at: address.appending("allOf").appending(0), suggested: suggested, exactName: exactName, in: &nest)
        }
        var collected = CollectedObject()
        var visited: Set<NodeAddress> = []
        collectObject(at: address, into: &collected, visited: &visited)
        if let problem = collected.problem {
            fallback(at: address, problem)
            return (.json, false)
        }
        return (structType(collected, schema: schema, at: address, suggested: suggested, exactName, &nest), false)
    }

    func constantType(_ constant: JSONValue) -> TypeRef {
        switch constant {
        case .string: return .string
        case .bool: return .builtin("Bool")
        case .number(let number): return number.isInteger ? .builtin("Int") : .builtin("Double")
        default: return .json
        }
    }

    mutating func enumType(
        values: [JSONValue], schema: SchemaKeywords, at address: NodeAddress, suggested: String,
        _ exactName: String?, _ nest: inout Nest
    ) -> TypeRef {
        let nonNull = values.filter { $0 != .null }
        if nonNull.isEmpty { return .json }
        if nonNull.allSatisfy({ $0.stringValue != nil }) {
            let (name, path) = declarationName(suggested, exactName: exactName, in: &nest)
            var cases = NameScope(reserved: ["unknown", "rawValue", "init", "allCases"])
            var seen: Set<String> = []
            let enumCases = nonNull.compactMap(\.stringValue).filter { seen.insert($0).inserted }.map {
                EnumCase(swiftName: cases.claim(SwiftName.member($0)), rawValue: $0, documentation: nil)
            }
            nest.declarations.append(
                TypeDeclaration(
                    name: name, path: path, documentation: schema.description, kind: .stringEnum(enumCases),
                    source: address)
            )
            return .named(path)
        }
        if nonNull.allSatisfy({ $0.numberValue?.isInteger == true }) {
            return schema.format == "int32"
                ? .builtin("Int32") : schema.format == "int64" ? .builtin("Int64") : .builtin("Int")
        }
        if nonNull.allSatisfy({ $0.numberValue != nil }) { return .builtin("Double") }
        if nonNull.allSatisfy({ $0.boolValue != nil }) { return .builtin("Bool") }
        fallback(at: address, "an enum of values of different types has no Swift enum")
        return .json
    }
}
