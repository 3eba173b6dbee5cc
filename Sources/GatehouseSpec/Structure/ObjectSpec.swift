/// One row of the structure table: the fields an OpenAPI object type has, which are required, and the rules across
/// fields that a field-by-field check cannot express.
final class ObjectSpec: Sendable {
    /// The name messages use, as the specification spells it: `Info object`, `Path Item object`.
    let name: String
    let fields: [String: Shape]
    let required: [String]
    /// Whether `x-` keys are Specification Extensions here.
    let allowsExtensions: Bool
    /// Keys beyond the fixed fields (Paths, Responses, Callback, Security Requirement) and the shape of their values.
    let patterned: (keys: Shape.KeyRule, shape: Shape)?
    /// JSON Schema 2020-12 is an open vocabulary: a keyword the table does not know is not a mistake.
    let acceptsUnknownFields: Bool
    /// `$ref` sits next to other fields (Path Item; 3.1 Schema) instead of replacing the object (Reference Object).
    let refWithSiblings: Bool
    let constraints: [Constraint]

    init(
        _ name: String,
        fields: [String: Shape],
        required: [String] = [],
        allowsExtensions: Bool = true,
        patterned: (keys: Shape.KeyRule, shape: Shape)? = nil,
        acceptsUnknownFields: Bool = false,
        refWithSiblings: Bool = false,
        constraints: [Constraint] = []
    ) {
        self.name = name
        self.fields = fields
        self.required = required
        self.allowsExtensions = allowsExtensions
        self.patterned = patterned
        self.acceptsUnknownFields = acceptsUnknownFields
        self.refWithSiblings = refWithSiblings
        self.constraints = constraints
    }

    /// A rule across the fields of one object.
    enum Constraint: Sendable {
        /// Not both fields; with `required`, exactly one of them.
        case exclusive(String, String, required: Bool)
        /// The field, when present, has at least one item or entry.
        case nonEmpty(String)
        /// The field, when present, has exactly one entry.
        case singleEntry(String)
        /// At least one of the fields is present.
        case anyOf([String])
        /// A Responses object declares at least one response.
        case hasResponse
        /// Fields that describe serialization with `schema` and are not allowed next to `content`.
        case onlyWithSchema([String])
        /// Parameter `style`, `allowReserved` and `required` as the parameter's `in` allows them.
        case parameterLocation
        /// Security Scheme fields required and permitted by its `type`.
        case securitySchemeType
    }
}
