import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// Shapes a stored item by the schema of the answer it goes into, so a stateful answer honours the contract even
/// where the request schema differs from the response schema: members the response schema does not allow (a closed
/// object's undeclared members, `writeOnly` ones) are dropped, a member of another type (an object where a string is
/// wanted, a value no `oneOf` branch takes) is the example's value or a synthesized one, a missing required member
/// is filled the same way. Prepared when the contract is loaded.
struct ItemConformer: Sendable {
    /// The item schema, checked last.
    let item: CompiledSchema
    /// Each declared property's schema.
    let properties: [String: CompiledSchema]
    /// The properties that are `writeOnly`.
    let writeOnly: Set<String>
    /// Whether members the schema does not declare are refused (`additionalProperties: false`).
    let closed: Bool
    /// The properties the item schema requires.
    let required: Set<String>
    /// The example item, whose valid members replace the item's invalid ones.
    let example: JSONObject
    let synthesizer: ExampleSynthesizer

    static let options = ValidationOptions(direction: .response)

    /// The conformer for the item of `operation`'s success answer; nil when it has no JSON schema to shape by.
    init?(
        operation: GatehouseSpec.Operation, isList: Bool, example: JSONObject, document: SpecDocument,
        compiler: SchemaCompiler
    ) {
        guard let (address, object) = ItemShape.itemSchema(of: operation, isList: isList, in: document),
            let item = try? compiler.compile(SchemaReference(address: address)),
            object["type"]?.stringValue == "object" || object["properties"] != nil || object["allOf"] != nil
        else { return nil }
        self.item = item
        var properties: [String: CompiledSchema] = [:]
        var writeOnly = Set<String>()
        for (name, propertyAddress) in ItemShape.properties(object, at: address, document, depth: 0) {
            properties[name] = try? compiler.compile(SchemaReference(address: propertyAddress))
            if ItemShape.resolve(propertyAddress, document)?.1["writeOnly"]?.boolValue == true {
                writeOnly.insert(name)
            }
        }
        self.properties = properties
        self.writeOnly = writeOnly
        self.closed =
            object["additionalProperties"]?.boolValue == false || object["unevaluatedProperties"]?.boolValue == false
        self.required = ItemShape.required(object, at: address, document, depth: 0)
        self.example = example
        self.synthesizer = ExampleSynthesizer(
            compiler: compiler,
            configuration: .init(maxDepth: 4, includeOptionalProperties: false, direction: .response))
    }

    /// `item` shaped by the schema; nil when even the shaped item breaks it (the caller answers from the example).
    func conform(_ item: JSONObject) -> JSONObject? {
        // Most stored items already fit: nothing to drop, and valid as they are (what shaping would keep unchanged).
        let drops = item.contains { writeOnly.contains($0.key) || closed && properties[$0.key] == nil }
        if !drops, self.item.isValid(.object(item), options: Self.options) { return item }
        let shaped = retyped(item, keepingAll: false)
        return self.item.isValid(.object(shaped), options: Self.options) ? shaped : nil
    }

    /// `item` as a create or replace stores it (`retyped`, keeping every member), and the answer's item when that is
    /// the stored item itself: it fits the schema and has nothing an answer drops. Most items do, and then one check
    /// of the whole item stands for shaping it twice (once to store, once to answer).
    func storable(_ item: JSONObject) -> (stored: JSONObject, answer: JSONObject?) {
        guard self.item.isValid(.object(item), options: Self.options) else {
            return (retyped(item, keepingAll: true), nil)
        }
        let drops = item.contains { writeOnly.contains($0.key) || closed && properties[$0.key] == nil }
        return (item, drops ? nil : item)
    }

    /// `item` with each declared member of another type replaced (the example's value, else a synthesized one) and
    /// missing required members filled; with `keepingAll`, members an answer would drop (undeclared, `writeOnly`)
    /// stay, as an item is stored.
    func retyped(_ item: JSONObject, keepingAll: Bool) -> JSONObject {
        var shaped = JSONObject()
        for member in item {
            if writeOnly.contains(member.key) {
                if keepingAll { shaped[member.key] = member.value }
                continue
            }
            guard let schema = properties[member.key] else {
                if !closed || keepingAll { shaped[member.key] = member.value }
                continue
            }
            if schema.isValid(member.value, options: Self.options) {
                shaped[member.key] = member.value
            } else if let coerced = Self.coerced(member.value, to: schema) {
                shaped[member.key] = coerced
            } else if let replacement = replacement(member.key, schema) {
                shaped[member.key] = replacement
            }
        }
        for name in required where shaped[name] == nil && !writeOnly.contains(name) {
            if let schema = properties[name], let replacement = replacement(name, schema) {
                shaped[name] = replacement
            }
        }
        return shaped
    }

    /// The client's value read as the schema's type, when text from a form, XML or a schema-less body says it:
    /// `"9"` as 9, `"true"` as true, one value as an array of it, an array of one value as the value.
    static func coerced(_ value: JSONValue, to schema: CompiledSchema) -> JSONValue? {
        var candidates: [JSONValue] = []
        if let text = value.stringValue {
            if let number = JSONNumber(literal: text) { candidates.append(.number(number)) }
            if text == "true" || text == "false" { candidates.append(.bool(text == "true")) }
        }
        if let array = value.arrayValue, array.count == 1 {
            candidates.append(array[0])
            candidates += coerced(array[0], to: schema).map { [$0] } ?? []
        } else if value.arrayValue == nil {
            candidates.append(.array([value]))
            for candidate in candidates where candidate.arrayValue == nil { candidates.append(.array([candidate])) }
        }
        return candidates.first { schema.isValid($0, options: options) }
    }

    /// The example's value of a property when it is valid, else a synthesized one.
    func replacement(_ name: String, _ schema: CompiledSchema) -> JSONValue? {
        if let value = example[name], schema.isValid(value, options: Self.options) { return value }
        return synthesizer.example(for: schema)
    }
}
