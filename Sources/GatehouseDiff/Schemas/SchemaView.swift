import GatehouseJSON
import GatehouseSpec

/// A schema as a comparison sees it: its `$ref`s followed and its `allOf` members merged in, with where each keyword
/// was written so a finding can point at it.
struct SchemaView {
    /// A keyword's value and the address it was written at.
    struct Keyword<Value> {
        var value: Value
        var address: NodeAddress
    }

    enum AdditionalProperties {
        case open
        case closed(NodeAddress)
        case schema(NodeAddress)
    }

    /// Where the schema itself is, after following `$ref`s.
    var address: NodeAddress
    /// The JSON types it allows (with `null` for 3.0's `nullable: true`); nil when it does not say.
    var types: Keyword<Set<String>>?
    var format: Keyword<String>?
    /// Allowed values, without `null` (which `types` covers); from `enum` or `const`.
    var enumValues: Keyword<[JSONValue]>?
    var pattern: Keyword<String>?
    /// Numeric bounds by keyword (`maxLength`, `minimum`, ...).
    var bounds: [String: Keyword<Double>] = [:]
    /// Property schemas by name, in the order first written, each at `…/properties/NAME`.
    var properties: [(name: String, address: NodeAddress)] = []
    /// Positions in `properties` by name.
    private var propertyIndex: [String: Int] = [:]
    var required: Set<String> = []
    var additionalProperties: AdditionalProperties = .open
    var items: NodeAddress?
    /// `oneOf` or `anyOf` alternatives of the schema itself (not of its `allOf` members).
    var alternatives: Keyword<[NodeAddress]>?
    var discriminator: Discriminator?
    var readOnly = false
    var writeOnly = false
    var multipleOf: Keyword<Double>?
    /// Where `uniqueItems: true` is written.
    var uniqueItems: NodeAddress?
    /// The `not` schema.
    var not: NodeAddress?
    /// The `prefixItems` schemas, by position.
    var prefixItems: Keyword<[NodeAddress]>?
    /// `patternProperties` schemas by pattern, in the order first written.
    var patternProperties: [(pattern: String, address: NodeAddress)] = []
    /// `dependentRequired`: the names each property requires when present, at where its list is written.
    var dependentRequired: [String: Keyword<[String]>] = [:]

    struct Discriminator {
        var propertyName: String
        /// Mapping values by the `$ref` they name.
        var valuesByReference: [String: String]
    }

    static let upperBounds = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"]
    static let lowerBounds = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"]

    func property(_ name: String) -> NodeAddress? {
        propertyIndex[name].map { properties[$0].address }
    }

    /// The view of the schema at `address`; nil when its `$ref`s cannot be followed or it is not a schema.
    init?(side: DiffSide, address: NodeAddress) {
        guard let resolved = side.resolved(address) else { return nil }
        self.init(side: side, resolved: resolved)
    }

    /// The view of a schema already found by `DiffSide.resolved`.
    init?(side: DiffSide, resolved: (address: NodeAddress, value: JSONValue)) {
        self.address = resolved.address
        var visited = Set<NodeAddress>()
        merge(side: side, address: resolved.address, value: resolved.value, visited: &visited, isRoot: true)
    }

    private mutating func merge(
        side: DiffSide, address: NodeAddress, value: JSONValue, visited: inout Set<NodeAddress>, isRoot: Bool
    ) {
        guard visited.insert(address).inserted else { return }
        guard case .object(let schema) = value else {
            if value == .bool(false) { types = Keyword(value: [], address: address) }
            return
        }
        mergeTypes(schema, at: address)
        if format == nil, let text = schema["format"]?.stringValue {
            format = Keyword(value: text, address: address.appending("format"))
        }
        if pattern == nil, let text = schema["pattern"]?.stringValue {
            pattern = Keyword(value: text, address: address.appending("pattern"))
        }
        if enumValues == nil {
            if let values = schema["enum"]?.arrayValue {
                enumValues = Keyword(value: values.filter { $0 != .null }, address: address.appending("enum"))
            } else if let constant = schema["const"], constant != .null {
                enumValues = Keyword(value: [constant], address: address.appending("const"))
            }
        }
        for keyword in Self.upperBounds + Self.lowerBounds where bounds[keyword] == nil {
            if let number = schema[keyword]?.numberValue {
                bounds[keyword] = Keyword(value: number.double, address: address.appending(keyword))
            }
        }
        if let members = schema["properties"]?.objectValue {
            for member in members where propertyIndex[member.key] == nil {
                propertyIndex[member.key] = properties.count
                properties.append((member.key, address.appending("properties").appending(member.key)))
            }
        }
        for name in schema["required"]?.arrayValue ?? [] {
            if let name = name.stringValue { required.insert(name) }
        }
        if case .open = additionalProperties {
            switch schema["additionalProperties"] ?? schema["unevaluatedProperties"] {
            case .bool(false)?:
                let keyword = schema["additionalProperties"] != nil ? "additionalProperties" : "unevaluatedProperties"
                additionalProperties = .closed(address.appending(keyword))
            case .object?:
                additionalProperties = .schema(address.appending("additionalProperties"))
            default:
                break
            }
        }
        if items == nil, schema["items"]?.objectValue != nil { items = address.appending("items") }
        if schema["readOnly"]?.boolValue == true { readOnly = true }
        mergeConstraints(schema, at: address)
        if schema["writeOnly"]?.boolValue == true { writeOnly = true }
        if isRoot {
            for keyword in ["oneOf", "anyOf"] where alternatives == nil {
                if let list = schema[keyword]?.arrayValue, !list.isEmpty {
                    let keywordAddress = address.appending(keyword)
                    alternatives = Keyword(
                        value: list.indices.map { keywordAddress.appending($0) }, address: keywordAddress)
                }
            }
        }
        if discriminator == nil, let object = schema["discriminator"]?.objectValue,
            let name = object["propertyName"]?.stringValue
        {
            var byReference: [String: String] = [:]
            for member in object["mapping"]?.objectValue ?? JSONObject() {
                if let target = member.value.stringValue { byReference[target] = member.key }
            }
            discriminator = Discriminator(propertyName: name, valuesByReference: byReference)
        }
        for index in (schema["allOf"]?.arrayValue ?? []).indices {
            let memberAddress = address.appending("allOf").appending(index)
            guard let resolved = side.resolved(memberAddress) else { continue }
            merge(side: side, address: resolved.address, value: resolved.value, visited: &visited, isRoot: false)
        }
    }

    /// The keywords of the `DiffRun+Constraints` comparisons; the first writer wins, as for `pattern`.
    private mutating func mergeConstraints(_ schema: JSONObject, at address: NodeAddress) {
        if multipleOf == nil, let number = schema["multipleOf"]?.numberValue {
            multipleOf = Keyword(value: number.double, address: address.appending("multipleOf"))
        }
        if uniqueItems == nil, schema["uniqueItems"]?.boolValue == true {
            uniqueItems = address.appending("uniqueItems")
        }
        if not == nil, schema["not"] != nil { not = address.appending("not") }
        if prefixItems == nil, let list = schema["prefixItems"]?.arrayValue {
            let keyword = address.appending("prefixItems")
            prefixItems = Keyword(value: list.indices.map { keyword.appending($0) }, address: keyword)
        }
        for member in schema["patternProperties"]?.objectValue ?? JSONObject()
        where !patternProperties.contains(where: { $0.pattern == member.key }) {
            patternProperties.append((member.key, address.appending("patternProperties").appending(member.key)))
        }
        for member in schema["dependentRequired"]?.objectValue ?? JSONObject()
        where dependentRequired[member.key] == nil {
            let names = member.value.arrayValue?.compactMap(\.stringValue) ?? []
            dependentRequired[member.key] = Keyword(
                value: names, address: address.appending("dependentRequired").appending(member.key))
        }
    }

    private mutating func mergeTypes(_ schema: JSONObject, at address: NodeAddress) {
        var declared: Set<String>?
        switch schema["type"] {
        case .string(let name)?:
            declared = [name]
        case .array(let names)?:
            declared = Set(names.compactMap(\.stringValue))
        default:
            break
        }
        guard var found = declared else { return }
        if schema["nullable"]?.boolValue == true { found.insert("null") }
        if let existing = types {
            // allOf: an instance must satisfy every member, so the types intersect (integer is a number).
            var both = existing.value.intersection(found)
            if existing.value.contains("integer") && found.contains("number") { both.insert("integer") }
            if found.contains("integer") && existing.value.contains("number") { both.insert("integer") }
            types = Keyword(value: both, address: existing.address)
        } else {
            types = Keyword(value: found, address: address.appending("type"))
        }
    }
}
