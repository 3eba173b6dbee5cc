import GatehouseJSON
import GatehouseSpec

extension SynthesisRun {
    mutating func object(_ node: SchemaNode, variant: Int) -> JSONValue? {
        guard let rules = node.object else { return .object(JSONObject()) }
        var result = JSONObject()
        let required = Set(rules.required)
        let deep = depth >= configuration.maxDepth
        for (name, property) in rules.propertyOrder {
            let target = property.resolved
            if configuration.direction == .request && target.readOnly { continue }
            if configuration.direction == .response && target.writeOnly { continue }
            let isRequired = required.contains(name)
            // Optional properties make examples readable, but not recursive ones and not deep down.
            if !isRequired {
                guard includesOptionalProperties, !deep, !stack.contains(ObjectIdentifier(target)) else {
                    continue
                }
            }
            if let value = synthesize(property, variant: isRequired ? variant : 0) {
                result[name] = value
            } else if isRequired {
                return nil
            }
        }
        for name in rules.required where result[name] == nil {
            if let property = rules.properties[name] {
                let target = property.resolved
                if configuration.direction == .request && target.readOnly { continue }
                if configuration.direction == .response && target.writeOnly { continue }
            }
            guard let value = member(rules, name: name) else { return nil }
            result[name] = value
        }
        for (name, dependents) in rules.dependentRequired where result[name] != nil {
            for dependent in dependents where result[dependent] == nil {
                guard let value = member(rules, name: dependent) else { return nil }
                result[dependent] = value
            }
        }
        var extra = 1
        while result.count < (rules.minProperties ?? 0), extra < 1_000 {
            // Names the `propertyNames` schema allows, when it has one.
            let name: String
            if let names = rules.propertyNames {
                guard case .string(let allowed)? = synthesize(names, variant: extra - 1) else { return nil }
                name = allowed
            } else {
                name = "property\(extra)"
            }
            extra += 1
            guard result[name] == nil else { continue }
            guard let value = member(rules, name: name) else { return nil }
            result[name] = value
        }
        return .object(result)
    }

    /// A value for a member the `properties` keyword does not describe.
    private mutating func member(_ rules: ObjectRules, name: String) -> JSONValue? {
        if let property = rules.properties[name] { return synthesize(property) }
        for (pattern, subschema) in rules.patternProperties where pattern.matches(name) {
            return synthesize(subschema)
        }
        if let additional = rules.additionalProperties { return synthesize(additional) }
        return .string("value")
    }

    mutating func array(_ node: SchemaNode, variant: Int) -> JSONValue? {
        guard let rules = node.array else { return .array([]) }
        var result: [JSONValue] = []
        for prefix in rules.prefixItems {
            guard result.count < (rules.maxItems ?? Int.max) else { break }
            guard let value = synthesize(prefix, variant: variant) else { return nil }
            result.append(value)
        }
        if let contains = rules.contains, rules.minContains > 0 {
            for index in 0..<rules.minContains {
                guard let value = synthesize(contains, variant: index) else { return nil }
                result.append(value)
            }
        }
        let wanted = max(rules.minItems ?? 0, depth >= configuration.maxDepth ? 0 : 1)
        let limit = min(rules.maxItems ?? Int.max, 1_000)
        var index = 0
        while result.count < min(wanted, limit) {
            let element: JSONValue?
            if let items = rules.items {
                element = synthesize(items, variant: rules.uniqueItems ? index : 0)
            } else {
                element = .integer(index)
            }
            guard let element else {
                // Items that cannot be built: an empty array is fine when nothing asks for more.
                if result.count >= (rules.minItems ?? 0) { break }
                return nil
            }
            result.append(element)
            index += 1
        }
        return .array(result)
    }

    /// Objects merged member by member (for `allOf`); otherwise the later value wins.
    func merge(_ base: JSONValue, _ addition: JSONValue) -> JSONValue {
        guard case .object(var left) = base, case .object(let right) = addition else { return addition }
        for member in right.members {
            if let existing = left[member.key] {
                left[member.key] = merge(existing, member.value)
            } else {
                left[member.key] = member.value
            }
        }
        return .object(left)
    }
}

extension JSONValue {
    fileprivate static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
}
