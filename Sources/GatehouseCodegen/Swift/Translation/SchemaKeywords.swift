import GatehouseJSON
import GatehouseSpec

/// Reads the keywords of one schema object that the type translation cares about.
struct SchemaKeywords {
    let object: JSONObject
    let isOpenAPI30: Bool

    init(_ object: JSONObject, isOpenAPI30: Bool) {
        self.object = object
        self.isOpenAPI30 = isOpenAPI30
    }

    /// The `type` keyword's names without `null` (a string or an array).
    var types: [String] {
        switch object["type"] {
        case .string(let type)?: return type == "null" ? [] : [type]
        case .array(let items)?: return items.compactMap(\.stringValue).filter { $0 != "null" }
        default: return []
        }
    }

    /// `nullable: true` (3.0), `null` in the type array, or `null` among the enum values (3.1).
    var isNullable: Bool {
        if object["nullable"]?.boolValue == true { return true }
        if case .string("null")? = object["type"] { return true }
        if case .array(let items)? = object["type"], items.contains(.string("null")) { return true }
        if case .array(let values)? = object["enum"], values.contains(.null) { return true }
        return false
    }

    /// True for a schema that only admits null (`type: 'null'`, `enum: [null]`, `const: null`).
    var isNullOnly: Bool {
        if case .string("null")? = object["type"] { return true }
        if case .array(let items)? = object["type"], items == [.string("null")] { return true }
        if case .array(let values)? = object["enum"], values == [.null] { return true }
        if case .null? = object["const"] { return true }
        return false
    }

    var format: String? { object["format"]?.stringValue }
    var description: String? { object["description"]?.stringValue ?? object["title"]?.stringValue }
    var deprecated: Bool { object["deprecated"]?.boolValue == true }
    var required: [String] { object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var properties: JSONObject? { object["properties"]?.objectValue }
    var ref: String? { object["$ref"]?.stringValue }

    /// `oneOf`, else `anyOf`, with the keyword used.
    var alternatives: (keyword: String, members: [JSONValue])? {
        if let members = object["oneOf"]?.arrayValue { return ("oneOf", members) }
        if let members = object["anyOf"]?.arrayValue { return ("anyOf", members) }
        return nil
    }

    /// True when the schema describes an object whose members can be collected (for `allOf` merging).
    var isObjectLike: Bool {
        if object["oneOf"] != nil || object["anyOf"] != nil || object["enum"] != nil { return false }
        let types = types
        if !types.isEmpty { return types == ["object"] }
        return true
    }
}
