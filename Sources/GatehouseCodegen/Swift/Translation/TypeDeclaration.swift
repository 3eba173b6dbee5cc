import GatehouseSpec

/// A generated type: a struct for an object schema, an enum for a string enum or a `oneOf`, or a type alias.
struct TypeDeclaration: Sendable {
    enum Kind: Sendable {
        case structure(StructShape)
        case stringEnum([EnumCase])
        case oneOf(OneOfShape)
        case alias(TypeRef)
    }

    /// The simple name, as declared.
    var name: String
    /// The qualified path other code uses (`Todo.Status`).
    var path: String
    var documentation: String?
    var kind: Kind
    /// Inline schemas that needed a type of their own, declared inside this one.
    var nested: [TypeDeclaration] = []
    /// A `oneOf` that contains itself: declared `indirect`.
    var isIndirect = false
    /// The schema it was translated from (for `gatehouse diff --sdk swift`).
    var source: NodeAddress?
}

/// The stored properties of a struct, and its additional-properties dictionary.
struct StructShape: Sendable {
    var properties: [PropertyShape]
    /// The value type of `additionalProperties`, when the object allows and types them.
    var additionalProperties: TypeRef?
    /// The Swift name of the additional-properties dictionary.
    var additionalPropertiesName = "additionalProperties"
}

struct PropertyShape: Sendable {
    var wireName: String
    var swiftName: String
    /// The property's type, optional when it may be absent or null.
    var type: TypeRef
    var required: Bool
    var documentation: String?
    var deprecated: Bool
    /// Stored out of line: the property's type contains this struct (a recursive schema), or it is a large model
    /// (see `OutOfLineStorage`).
    var boxed = false
    /// The property's schema (for `gatehouse diff --sdk swift`).
    var source: NodeAddress?
}

struct EnumCase: Sendable {
    var swiftName: String
    var rawValue: String
    var documentation: String?
}

/// The cases of a `oneOf` or `anyOf`, and how a decoder picks one.
struct OneOfShape: Sendable {
    struct Case: Sendable {
        var swiftName: String
        var type: TypeRef
    }

    var cases: [Case]
    /// The discriminator property and its values, each with the index of its case; nil decodes by trial.
    var discriminator: (property: String, mapping: [(value: String, caseIndex: Int)])?
}
