import GatehouseJSON
import GatehouseSpec

/// One compiled schema: its keywords grouped by the instance type they apply to, so validating a string never looks
/// at object keywords. Nodes reference each other directly, which is how `$ref` cycles (recursive schemas) work.
///
/// `@unchecked Sendable`: a node is mutated only while `SchemaCompiler` fills it, under the compiler's lock and
/// before any `CompiledSchema` that reaches it is returned; afterwards it is read-only.
final class SchemaNode: @unchecked Sendable {
    // The flags and keywords read for every instance value come first, so they share the object's first cache
    // line: a large schema's nodes are spread over memory, and each member of an instance touches one.
    /// Nothing to check (an empty schema or one with annotations only): validation returns at once.
    var isTrivial = false
    /// Which keyword groups are present, so validation reads only those (each read of a class reference costs a
    /// retain and a release).
    var groups: KeywordGroups = []
    /// Only type, format, string, number and value keywords: `isValid` checks it inline, without a call to
    /// `validate` for each object member.
    var isLeaf = false
    /// Only a `$ref` (in any dialect): the validator goes straight to the target.
    var isPureReference = false
    /// Every keyword of this node is one `ByteValidator` checks on the bytes; the others (`oneOf`, `not`, `if`,
    /// `unevaluated*`, `uniqueItems`, …) are left to the tree walk on the value parsed from this node's bytes.
    var isStreamable = false
    /// `true`/`false` schemas (and `additionalProperties: false` in draft 4).
    var boolean: Bool?
    var types: TypeMask?
    var format: FormatKind?
    var ref: SchemaNode?
    var string: StringRules?
    var number: NumberRules?
    var object: ObjectRules?
    var array: ArrayRules?
    let address: NodeAddress
    /// The schema's own JSON, kept for example synthesis (annotations); validation never reads it.
    let json: JSONValue
    /// The keyword that produced `types` for messages (`type`, or `nullable` when only that allowed null).
    var constValue: JSONValue?
    var enumValues: [JSONValue]?
    var formatName: String?
    var dynamicRef: DynamicReference?
    var allOf: [SchemaNode]?
    var anyOf: [SchemaNode]?
    var oneOf: [SchemaNode]?
    var not: SchemaNode?
    var conditional: Conditional?
    var discriminator: Discriminator?
    var unevaluatedProperties: SchemaNode?
    var unevaluatedItems: SchemaNode?
    var readOnly = false
    var writeOnly = false
    /// The schema resource (a root or a node with `$id`) this node belongs to; the dynamic scope is made of these.
    var resource: SchemaResource?
    /// For a resource root: its `$dynamicAnchor`s.
    var dynamicAnchors: [String: SchemaNode] = [:]
    /// This node's own `$dynamicAnchor`, if any.
    var dynamicAnchorName: String?

    init(address: NodeAddress, json: JSONValue) {
        self.address = address
        self.json = json
    }

    var hasUnevaluated: Bool { unevaluatedProperties != nil || unevaluatedItems != nil }

    /// The node a `$ref`-only schema stands for (3.0 `$ref` hides its siblings), for read-only checks and synthesis.
    var resolved: SchemaNode {
        var current = self
        var hops = 0
        while let target = current.ref, current.isOnlyReference, hops < 32 {
            current = target
            hops += 1
        }
        return current
    }

    var isOnlyReference: Bool {
        ref != nil && types == nil && object == nil && array == nil && string == nil && number == nil
            && allOf == nil && anyOf == nil && oneOf == nil && constValue == nil && enumValues == nil
    }
}

/// The keyword groups a node has; see `SchemaNode.groups`.
struct KeywordGroups: OptionSet, Sendable {
    let rawValue: UInt8
    static let values = KeywordGroups(rawValue: 1)
    static let string = KeywordGroups(rawValue: 2)
    static let number = KeywordGroups(rawValue: 4)
    static let object = KeywordGroups(rawValue: 8)
    static let array = KeywordGroups(rawValue: 16)
    static let inPlace = KeywordGroups(rawValue: 32)
    static let access = KeywordGroups(rawValue: 64)
    static let unevaluated = KeywordGroups(rawValue: 128)

}

/// JSON types as bits; `number` admits integers.
struct TypeMask: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let integer = TypeMask(rawValue: 4)
    static let number = TypeMask(rawValue: 8)
    static let string = TypeMask(rawValue: 16)
    static let array = TypeMask(rawValue: 32)
    static let object = TypeMask(rawValue: 64)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        case .number(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isInteger
        }
    }

    /// `a string`, `an integer or null`.
    var phrase: String {
        let names: [(TypeMask, String)] = [
            (.object, "an object"), (.array, "an array"), (.string, "a string"), (.integer, "an integer"),
            (.number, "a number"), (.boolean, "a boolean"), (.null, "null"),
        ]
        let parts = names.filter { contains($0.0) }.map(\.1)
        if parts.isEmpty { return "nothing" }
        if parts.count == 1 { return parts[0] }
        return parts.dropLast().joined(separator: ", ") + " or " + parts[parts.count - 1]
    }
}

// @unchecked Sendable: like `SchemaNode`, filled under the compiler's lock and read-only once returned.
final class StringRules: @unchecked Sendable {
    var minLength: Int?
    var maxLength: Int?
    var pattern: PatternMatcher?
}

/// A numeric limit; `exclusive` comes from `exclusiveMinimum` (a number in 2020-12, a flag in draft 4).
struct NumericBound: Sendable {
    var limit: JSONNumber
    var exclusive: Bool
    var keyword: String
}

// @unchecked Sendable: like `SchemaNode`, filled under the compiler's lock and read-only once returned.
final class NumberRules: @unchecked Sendable {
    var lower: [NumericBound] = []
    var upper: [NumericBound] = []
    var multipleOf: JSONNumber?
    /// The bounds as plain numbers, checked first: no reference counting on the success path.
    private var fastBounds: [(int: Int64, exact: Bool, double: Double, exclusive: Bool, isLower: Bool)] = []
    private var integerStep: Int64 = 0

    /// Prepares the fast path once the keywords are read.
    func seal() {
        fastBounds =
            lower.map { ($0.limit.int64 ?? 0, $0.limit.int64 != nil, $0.limit.double, $0.exclusive, true) }
            + upper.map { ($0.limit.int64 ?? 0, $0.limit.int64 != nil, $0.limit.double, $0.exclusive, false) }
        integerStep = multipleOf?.int64 ?? 0
    }

    /// Whether `number` passes every keyword, when that can be decided cheaply; nil sends it to the full check.
    @inline(__always)
    func quickCheck(_ int: Int64?, _ double: Double) -> Bool? {
        for bound in fastBounds {
            let order: Int
            if bound.exact, let int {
                order = int < bound.int ? -1 : (int == bound.int ? 0 : 1)
            } else {
                order = double < bound.double ? -1 : (double == bound.double ? 0 : 1)
            }
            if bound.isLower
                ? (order < 0 || (bound.exclusive && order == 0)) : (order > 0 || (bound.exclusive && order == 0))
            {
                return false
            }
        }
        if multipleOf == nil { return true }
        if integerStep != 0, let int { return int % integerStep == 0 }
        return nil
    }
}

final class ObjectRules: @unchecked Sendable {
    var properties: [String: SchemaNode] = [:]
    /// `properties` and `required` for the validation loop.
    var table = PropertyTable([], required: [])
    /// `properties` in document order, for synthesis.
    var propertyOrder: [(name: String, node: SchemaNode)] = []
    var patternProperties: [(pattern: PatternMatcher, node: SchemaNode)] = []
    var additionalProperties: SchemaNode?
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    var propertyNames: SchemaNode?
    var dependentRequired: [(name: String, required: [String])] = []
    var dependentSchemas: [(name: String, node: SchemaNode)] = []
    /// Whether any keyword applies to each member (`properties`, `patternProperties`, `additionalProperties`).
    var hasMemberRules = false
}

final class ArrayRules: @unchecked Sendable {
    var prefixItems: [SchemaNode] = []
    /// `items` after `prefixItems` (2020-12), or `additionalItems` after an array `items` (draft 4).
    var items: SchemaNode?
    var prefixKeyword = "prefixItems"
    var itemsKeyword = "items"
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var contains: SchemaNode?
    var minContains = 1
    var maxContains: Int?
}

struct Conditional: Sendable {
    var condition: SchemaNode
    var then: SchemaNode?
    var otherwise: SchemaNode?
}

/// `$dynamicRef`: the statically resolved target, and the anchor name to look up in the dynamic scope when the
/// target itself declares that `$dynamicAnchor` (the "bookend" rule of 2020-12).
struct DynamicReference: Sendable {
    var target: SchemaNode
    var anchor: String?
}

/// OpenAPI 3.0's `discriminator`: the property whose value selects the `oneOf`/`anyOf` alternative.
struct Discriminator: Sendable {
    var propertyName: String
    /// Value → schema, from `mapping` and from the alternatives' component names, in order.
    var choices: [(value: String, node: SchemaNode)]
}
