import GatehouseJSON
import GatehouseSpec

/// Renders a schema as a tree of properties: types, formats, enums, constraints, required and nullable markers,
/// and `oneOf`/`anyOf`/`allOf` alternatives.
///
/// A reference to a component schema becomes a link to its entry in the schemas section instead of a copy, so
/// each component is written once however many operations use it, and recursion through components is a link
/// rather than an endless expansion. Other recursion (through references inside one schema) stops at the node it
/// came back to. A node budget and a depth limit bound each tree, whatever the schema.
///
/// The markup is terse on purpose (`<code>` for a name, `<em>` for a type, `<small>` for constraints, styled under
/// `.schema`): large APIs have tens of thousands of nodes, and class names on each would be a fifth of the page.
struct SchemaTreeRenderer {
    /// Limits that keep one tree's HTML bounded.
    struct Limits {
        /// Nodes written per tree, before the rest is summarized.
        var nodes = 600
        /// Nesting below the tree's root.
        var depth = 12
        /// Enum values listed before "and N more".
        var enumValues = 25
        /// Characters of a value (an enum member, a default, a pattern) before it is cut.
        var valueLength = 200
    }

    let document: SpecDocument
    /// Component schemas by the address of their node, with their names.
    let components: [NodeAddress: String]
    var limits = Limits()
    /// Descriptions repeat across schemas (`id`, `object`, `livemode` in every Stripe object): rendered once.
    let cache: RenderCache

    init(document: SpecDocument, components: [NodeAddress: String], cache: RenderCache) {
        self.document = document
        self.components = components
        self.cache = cache
    }

    /// The anchor of a component schema: `schema/Name`.
    static func anchor(forSchemaNamed name: String) -> String { "schema/" + name }

    /// The tree for the schema at `address`. A schema that is only a reference to a component is a link to it.
    func render(_ address: NodeAddress, expandingComponent: Bool = false) -> String {
        guard let value = document.value(at: address) else { return "" }
        var state = State(budget: limits.nodes)
        var output = "<div class=\"schema\">"
        output +=
            "<em>" + label(value, at: address, expandingComponent: expandingComponent) + "</em>"
        output += badges(value)
        if expandingComponent || componentName(ofReference: value, from: address) == nil {
            let resolved = resolve(address)
            state.visiting.insert(resolved.address)
            output += constraints(resolved.value)
            output += children(resolved.value, at: resolved.address, depth: 0, state: &state)
        }
        output += "</div>"
        return output
    }

    struct State {
        var budget: Int
        var visiting: Set<NodeAddress> = []
    }

    /// Follows `$ref` chains; a broken one stays where it is.
    func resolve(_ address: NodeAddress) -> (address: NodeAddress, value: JSONValue) {
        switch document.dereference(address) {
        case .success(let target): return target
        case .failure: return (address, document.value(at: address) ?? .null)
        }
    }

    /// The component a `$ref` node points at directly, if any.
    func componentName(ofReference value: JSONValue, from address: NodeAddress) -> String? {
        guard case .string(let ref)? = value["$ref"] else { return nil }
        return cache.componentName(ref: ref, file: address.file) { () -> String? in
            guard case .node(let target) = document.resolve(ref, from: address.file) else { return nil }
            return components[target]
        }
    }

    /// A short type label: `string`, `array of Todo` (with a link), `object`, `oneOf`, ….
    func label(_ value: JSONValue, at address: NodeAddress, expandingComponent: Bool = false, depth: Int = 0) -> String
    {
        if !expandingComponent, let name = componentName(ofReference: value, from: address) {
            let escaped = HTMLEscaping.escape(name)
            return "<a href=\"#" + HTMLEscaping.escape(Self.anchor(forSchemaNamed: name)) + "\">" + escaped + "</a>"
        }
        let resolved = value["$ref"] == nil ? (address, value) : resolve(address)
        let schema = resolved.1
        if case .bool(let flag) = schema { return flag ? "any" : "never" }
        var types = Self.types(of: schema)
        types.removeAll { $0 == "null" }
        if types == ["array"] || (types.isEmpty && schema["items"] != nil) {
            guard let items = schema["items"], depth < 4 else { return "array" }
            return "array of " + label(items, at: resolved.0.appending("items"), depth: depth + 1)
        }
        if !types.isEmpty { return HTMLEscaping.escape(types.joined(separator: " or ")) }
        if schema["properties"] != nil || schema["additionalProperties"] != nil { return "object" }
        for keyword in ["oneOf", "anyOf", "allOf"] where schema[keyword] != nil { return keyword }
        if case .array(let values)? = schema["enum"], let first = values.first { return first.typeName }
        if let constant = schema["const"] { return constant.typeName }
        return "any"
    }

    /// The declared types (`type` as a string or an array).
    static func types(of schema: JSONValue) -> [String] {
        switch schema["type"] {
        case .string(let type)?: return [type]
        case .array(let types)?: return types.compactMap(\.stringValue)
        default: return []
        }
    }

    /// Required, nullable, read-only, write-only and deprecated markers.
    func badges(_ schema: JSONValue, required: Bool = false) -> String {
        var output = ""
        if required { output += " <span class=\"badge required\">required</span>" }
        let nullable = schema["nullable"]?.boolValue == true || Self.types(of: schema).contains("null")
        if nullable { output += " <span class=\"badge\">nullable</span>" }
        if schema["readOnly"]?.boolValue == true { output += " <span class=\"badge\">read-only</span>" }
        if schema["writeOnly"]?.boolValue == true { output += " <span class=\"badge\">write-only</span>" }
        if schema["deprecated"]?.boolValue == true { output += " <span class=\"badge deprecated\">deprecated</span>" }
        return output
    }

    /// The node's description, rendered.
    func description(_ schema: JSONValue) -> String {
        guard case .string(let text)? = schema["description"], !text.isEmpty else { return "" }
        return "<div class=\"desc\">" + cache.markdown(text, headingLevel: 0) + "</div>"
    }
}
