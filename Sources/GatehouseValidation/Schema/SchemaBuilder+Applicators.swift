import GatehouseJSON
import GatehouseSpec

extension SchemaBuilder {
    func fillObject(_ node: SchemaNode, _ object: JSONObject) throws(SchemaCompileError) {
        let rules = ObjectRules()
        var used = false
        if let properties = object["properties"] {
            guard case .object(let map) = properties else {
                throw invalid(node, "properties", "expected an object of schemas, found \(describe(properties))")
            }
            let base = node.address.appending("properties")
            for member in map {
                let child = try self.node(at: base.appending(member.key))
                rules.properties[member.key] = child
                rules.propertyOrder.append((member.key, child))
            }
            used = true
        }
        if let patterns = object["patternProperties"] {
            guard case .object(let map) = patterns else {
                throw invalid(node, "patternProperties", "expected an object of schemas, found \(describe(patterns))")
            }
            let base = node.address.appending("patternProperties")
            for member in map {
                let matcher = try compilePattern(member.key, node, "patternProperties")
                rules.patternProperties.append((matcher, try self.node(at: base.appending(member.key))))
            }
            used = true
        }
        if object["additionalProperties"] != nil {
            rules.additionalProperties = try subschema(node, "additionalProperties")
            used = true
        }
        if let required = object["required"] {
            guard case .array(let names) = required else {
                throw invalid(node, "required", "expected an array of property names, found \(describe(required))")
            }
            for name in names {
                guard case .string(let text) = name else {
                    throw invalid(node, "required", "expected property names, found \(describe(name))")
                }
                rules.required.append(text)
            }
            used = used || !names.isEmpty
        }
        rules.minProperties = try count(node, object, "minProperties")
        rules.maxProperties = try count(node, object, "maxProperties")
        used = used || rules.minProperties != nil || rules.maxProperties != nil
        if !dialect.isDraft4Family, object["propertyNames"] != nil {
            rules.propertyNames = try subschema(node, "propertyNames")
            used = true
        }
        let dependencyKeywords = dialect.isDraft4Family ? ["dependencies"] : ["dependentRequired", "dependentSchemas"]
        for keyword in dependencyKeywords {
            guard let value = object[keyword] else { continue }
            guard case .object(let map) = value else {
                throw invalid(node, keyword, "expected an object, found \(describe(value))")
            }
            for member in map {
                switch member.value {
                case .array(let names) where keyword != "dependentSchemas":
                    rules.dependentRequired.append((member.key, names.compactMap(\.stringValue)))
                case .object, .bool:
                    guard keyword != "dependentRequired" else { continue }
                    let child = try self.node(at: node.address.appending(keyword).appending(member.key))
                    rules.dependentSchemas.append((member.key, child))
                default:
                    throw invalid(node, keyword, "unexpected value for '\(member.key)': \(describe(member.value))")
                }
                used = true
            }
        }
        if used {
            rules.table = PropertyTable(rules.propertyOrder, required: rules.required)
            rules.hasMemberRules =
                !rules.properties.isEmpty || !rules.patternProperties.isEmpty || rules.additionalProperties != nil
            node.object = rules
        }
    }

    func fillArray(_ node: SchemaNode, _ object: JSONObject) throws(SchemaCompileError) {
        let rules = ArrayRules()
        var used = false
        if dialect.isDraft4Family {
            if let items = object["items"] {
                if case .array = items {
                    rules.prefixItems = try subschemaList(node, object, "items") ?? []
                    rules.prefixKeyword = "items"
                    if object["additionalItems"] != nil {
                        rules.items = try subschema(node, "additionalItems")
                        rules.itemsKeyword = "additionalItems"
                    }
                } else {
                    rules.items = try subschema(node, "items")
                }
                used = true
            }
        } else {
            if let prefix = try subschemaList(node, object, "prefixItems") {
                rules.prefixItems = prefix
                used = true
            }
            if object["items"] != nil {
                rules.items = try subschema(node, "items")
                used = true
            }
            if object["contains"] != nil {
                rules.contains = try subschema(node, "contains")
                rules.minContains = try count(node, object, "minContains") ?? 1
                rules.maxContains = try count(node, object, "maxContains")
                used = true
            }
        }
        rules.minItems = try count(node, object, "minItems")
        rules.maxItems = try count(node, object, "maxItems")
        rules.uniqueItems = object["uniqueItems"]?.boolValue == true
        used = used || rules.minItems != nil || rules.maxItems != nil || rules.uniqueItems
        if used { node.array = rules }
    }

    /// OpenAPI 3.0's discriminator: only meaningful next to `oneOf`/`anyOf`, where it picks the alternative.
    func fillDiscriminator(_ node: SchemaNode, _ discriminator: JSONObject) throws(SchemaCompileError) {
        guard case .string(let propertyName)? = discriminator["propertyName"] else {
            throw invalid(node, "discriminator", "expected a 'propertyName' string")
        }
        guard let alternatives = node.oneOf ?? node.anyOf else { return }
        let keyword = node.oneOf != nil ? "oneOf" : "anyOf"
        var choices: [(value: String, node: SchemaNode)] = []
        var mappedTargets: Set<NodeAddress> = []
        if case .object(let mapping)? = discriminator["mapping"] {
            for member in mapping {
                guard case .string(let target) = member.value else { continue }
                // A mapping value is a reference, or a bare component name.
                let ref = target.contains("/") || target.contains("#") ? target : "#/components/schemas/\(target)"
                let resolved = try resolveReference(ref, at: node.address.appending("discriminator"))
                choices.append((member.key, resolved))
                mappedTargets.insert(resolved.address)
            }
        }
        let list = node.json.objectValue?[keyword]?.arrayValue ?? []
        for (position, alternative) in alternatives.enumerated() {
            let target = alternative.resolved
            guard !mappedTargets.contains(target.address) else { continue }
            // Implicit mapping: the component name of a `$ref` alternative.
            if position < list.count, case .string(let ref)? = list[position]["$ref"],
                let name = ref.split(separator: "/").last
            {
                choices.append((String(name), target))
            }
        }
        node.discriminator = Discriminator(propertyName: propertyName, choices: choices)
    }
}
