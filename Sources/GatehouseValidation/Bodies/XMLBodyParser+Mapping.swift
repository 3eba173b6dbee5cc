import GatehouseJSON
import GatehouseSpec

extension XMLBodyParser.Element {
    /// The JSON value this element stands for under `shape`, following the schema's `xml` objects: `name` renames,
    /// `attribute` reads an attribute, `wrapped` puts array items inside an element of their own. Namespaces and
    /// prefixes are ignored (elements match by local name), so a client's choice of prefix never matters.
    ///
    /// Elements the schema does not describe are kept (as strings, or objects when they have structure), so the
    /// validator can still report them under `additionalProperties: false`. Text inside an element the schema says
    /// is an object or an array reads as a string, so the validator reports the type it found.
    func value(for shape: SchemaShape) -> JSONValue {
        switch shape.kind {
        case .primitive:
            if children.isEmpty && attributes.isEmpty || !shape.types.isEmpty {
                return shape.coerce(shape.types == .string || shape.types.isEmpty ? text : trimmedText)
            }
            return genericValue()
        case .array where hasText, .object where hasText:
            // `<order>true</order>` is text, not an object or a list: the validator reports the type it found.
            return .string(trimmedText)
        case .array:
            let itemName = shape.itemShape.xml.name
            let items = itemName.map { children(named: $0) } ?? children
            return .array(items.map { $0.value(for: shape.itemShape) })
        case .object:
            return .object(members(for: shape))
        }
    }

    /// True when the element holds character data beyond the whitespace that indents its children.
    private var hasText: Bool {
        text.contains { !$0.isWhitespace }
    }

    private var trimmedText: String {
        String(Substring(text).drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    private func members(for shape: SchemaShape) -> JSONObject {
        var object = JSONObject()
        var used: Set<String> = []
        for property in shape.properties {
            let member = property.shape
            let xmlName = member.xml.name ?? property.name
            if member.xml.attribute {
                if let value = attribute(xmlName) { object[property.name] = member.coerce(value) }
                continue
            }
            if member.kind == .array {
                let itemName = member.itemShape.xml.name ?? property.name
                if member.xml.wrapped {
                    guard let wrapper = children(named: xmlName).first else { continue }
                    used.insert(xmlName)
                    object[property.name] = .array(
                        wrapper.children(named: itemName).map { $0.value(for: member.itemShape) })
                } else {
                    let items = children(named: itemName)
                    guard !items.isEmpty else { continue }
                    used.insert(itemName)
                    object[property.name] = .array(items.map { $0.value(for: member.itemShape) })
                }
                continue
            }
            guard let child = children(named: xmlName).first else { continue }
            used.insert(xmlName)
            object[property.name] = child.value(for: member)
        }
        for child in children where !used.contains(child.name) && object[child.name] == nil {
            object[child.name] = child.value(for: shape.additionalProperties.first ?? SchemaShape())
        }
        return object
    }

    /// A schema-less reading: text for a leaf, else attributes and children as members (repeated names as arrays).
    private func genericValue() -> JSONValue {
        if children.isEmpty && attributes.isEmpty { return .string(text) }
        var object = JSONObject()
        for attribute in attributes { object[attribute.name] = .string(attribute.value) }
        // Grouped in one pass: an element with a million children must not be scanned once per child.
        var groups: [String: [JSONValue]] = [:]
        var order: [String] = []
        for child in children where object[child.name] == nil {
            if groups[child.name] == nil { order.append(child.name) }
            groups[child.name, default: []].append(child.genericValue())
        }
        for name in order {
            let values = groups[name]!
            object[name] = values.count > 1 ? .array(values) : values[0]
        }
        return .object(object)
    }
}
