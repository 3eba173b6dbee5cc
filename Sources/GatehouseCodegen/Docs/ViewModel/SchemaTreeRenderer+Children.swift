import GatehouseJSON
import GatehouseSpec

extension SchemaTreeRenderer {
    /// Format, enum, const, default, bounds, lengths, pattern and the like, as one line of small print.
    func constraints(_ schema: JSONValue) -> String {
        guard case .object = schema else { return "" }
        var parts: [String] = []
        func value(_ json: JSONValue) -> String {
            let text = JSONWriter.string(json)
            return text.count > limits.valueLength ? String(text.prefix(limits.valueLength)) + "…" : text
        }
        if case .string(let format)? = schema["format"] { parts.append("format: " + format) }
        if let constant = schema["const"] { parts.append("const: " + value(constant)) }
        if case .array(let values)? = schema["enum"] {
            var listed = values.prefix(limits.enumValues).map(value).joined(separator: ", ")
            if values.count > limits.enumValues { listed += ", and \(values.count - limits.enumValues) more" }
            parts.append("one of: " + listed)
        }
        if let defaultValue = schema["default"] { parts.append("default: " + value(defaultValue)) }
        let bounds: [(String, String)] = [
            ("minimum", "≥ "), ("exclusiveMinimum", "> "), ("maximum", "≤ "), ("exclusiveMaximum", "< "),
            ("multipleOf", "multiple of "), ("minLength", "min length "), ("maxLength", "max length "),
            ("minItems", "min items "), ("maxItems", "max items "), ("minProperties", "min properties "),
            ("maxProperties", "max properties "),
        ]
        for (keyword, prefix) in bounds {
            if case .number(let number)? = schema[keyword] { parts.append(prefix + number.description) }
        }
        if case .string(let pattern)? = schema["pattern"] { parts.append("pattern: " + value(.string(pattern))) }
        if schema["uniqueItems"]?.boolValue == true { parts.append("unique items") }
        if case .object(let discriminator)? = schema["discriminator"],
            case .string(let property)? = discriminator["propertyName"]
        {
            parts.append("discriminator: " + property)
        }
        guard !parts.isEmpty else { return "" }
        return " <small>" + HTMLEscaping.escape(parts.joined(separator: " · ")) + "</small>"
    }

    /// The nested parts of a schema (properties, items, alternatives), as a list; empty when there are none.
    func children(_ schema: JSONValue, at address: NodeAddress, depth: Int, state: inout State) -> String {
        guard case .object = schema else { return "" }
        var rows = ""
        var itemSchema = schema
        var itemAddress = address
        // An array's item object is shown in place: `array of object` followed by the item's properties.
        if case .object? = schema["items"], componentName(ofReference: schema["items"]!, from: address) == nil {
            let resolved = resolve(address.appending("items"))
            if !state.visiting.contains(resolved.address) {
                itemSchema = resolved.value
                itemAddress = resolved.address
            }
        }
        let required = Set(itemSchema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if case .object(let properties)? = itemSchema["properties"] {
            for (offset, member) in properties.enumerated() {
                guard state.budget > 0 else {
                    rows += "<li class=\"more\">and \(properties.count - offset) more properties</li>"
                    break
                }
                rows += row(
                    name: member.key, schema: member.value,
                    at: itemAddress.appending("properties").appending(member.key),
                    required: required.contains(member.key), depth: depth, state: &state)
            }
        }
        if case .object? = itemSchema["additionalProperties"], state.budget > 0 {
            rows += row(
                name: nil, note: "additional properties", schema: itemSchema["additionalProperties"]!,
                at: itemAddress.appending("additionalProperties"), required: false, depth: depth, state: &state)
        }
        if case .array(let prefixItems)? = itemSchema["prefixItems"] {
            for (offset, item) in prefixItems.enumerated() where state.budget > 0 {
                rows += row(
                    name: nil, note: "item \(offset)", schema: item,
                    at: itemAddress.appending("prefixItems").appending(offset),
                    required: false, depth: depth, state: &state)
            }
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            guard case .array(let alternatives)? = itemSchema[keyword] else { continue }
            let noun = keyword == "allOf" ? "all of" : keyword == "oneOf" ? "one of" : "any of"
            for (offset, alternative) in alternatives.enumerated() where state.budget > 0 {
                rows += row(
                    name: nil, note: "\(noun) #\(offset + 1)", schema: alternative,
                    at: itemAddress.appending(keyword).appending(offset), required: false, depth: depth, state: &state)
            }
        }
        if let negated = itemSchema["not"], state.budget > 0 {
            rows += row(
                name: nil, note: "not", schema: negated, at: itemAddress.appending("not"), required: false,
                depth: depth,
                state: &state)
        }
        return rows.isEmpty ? "" : "<ul class=\"tree\">" + rows + "</ul>"
    }

    /// One property or alternative, with its own children (collapsed) below it.
    func row(
        name: String?, note: String? = nil, schema: JSONValue, at address: NodeAddress, required: Bool, depth: Int,
        state: inout State
    ) -> String {
        state.budget -= 1
        var output = "<li>"
        if let name { output += "<code>" + HTMLEscaping.escape(name) + "</code> " }
        if let note { output += "<small>" + HTMLEscaping.escape(note) + "</small> " }
        output += "<em>" + label(schema, at: address) + "</em>"
        let isComponentLink = componentName(ofReference: schema, from: address) != nil
        let resolved = isComponentLink || schema["$ref"] == nil ? (address: address, value: schema) : resolve(address)
        output += badges(resolved.value, required: required)
        output += constraints(resolved.value)
        output += description(schema["description"] != nil ? schema : resolved.value)
        if !isComponentLink {
            if state.visiting.contains(resolved.address) {
                output += " <small>(recursive: as above)</small>"
            } else if depth + 1 >= limits.depth {
                output += " <small>(deeper levels not shown)</small>"
            } else {
                state.visiting.insert(resolved.address)
                let nested = children(resolved.value, at: resolved.address, depth: depth + 1, state: &state)
                state.visiting.remove(resolved.address)
                if !nested.isEmpty {
                    output += "<details><summary>fields</summary>" + nested + "</details>"
                }
            }
        }
        return output + "</li>"
    }
}
