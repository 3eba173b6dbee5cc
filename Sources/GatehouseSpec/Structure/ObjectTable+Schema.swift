extension ObjectTable {
    /// The Schema Object's keywords.
    ///
    /// 3.0 schemas are OpenAPI's closed subset of JSON Schema draft 4 (wright-00), so an unknown keyword is an error,
    /// as in the official 3.0 schema. 3.1 schemas are JSON Schema 2020-12, an open vocabulary: unknown keywords are
    /// fine, and only the known ones are checked for their types.
    static func schemaRow(isOpenAPI31 v31: Bool) -> ObjectSpec {
        // Keywords both versions share, with the same meaning and type.
        var fields: [String: Shape] = [
            "title": .string, "description": .string, "format": .string, "pattern": .string,
            "multipleOf": .number, "maximum": .number, "minimum": .number,
            "maxLength": .nonNegativeInteger, "minLength": .nonNegativeInteger,
            "maxItems": .nonNegativeInteger, "minItems": .nonNegativeInteger, "uniqueItems": .boolean,
            "maxProperties": .nonNegativeInteger, "minProperties": .nonNegativeInteger,
            "required": .array(.string), "enum": .array(.any), "default": .any,
            "not": .schema, "allOf": .array(.schema), "oneOf": .array(.schema), "anyOf": .array(.schema),
            "items": .schema, "properties": .map(.schema),
            "readOnly": .boolean, "writeOnly": .boolean, "deprecated": .boolean, "example": .any,
            "discriminator": .object(.discriminator), "xml": .object(.xml), "externalDocs": .object(.externalDocs),
        ]
        guard v31 else {
            fields["type"] = .choice(["array", "boolean", "integer", "number", "object", "string"])
            fields["exclusiveMaximum"] = .boolean
            fields["exclusiveMinimum"] = .boolean
            fields["additionalProperties"] = .schemaOrBoolean
            fields["nullable"] = .boolean
            return ObjectSpec("Schema object", fields: fields)
        }
        let schemaKeywords = [
            "additionalProperties", "propertyNames", "contains", "if", "then", "else",
            "unevaluatedItems", "unevaluatedProperties", "contentSchema",
        ]
        for keyword in schemaKeywords { fields[keyword] = .schema }
        for keyword in ["patternProperties", "dependentSchemas", "$defs"] { fields[keyword] = .map(.schema) }
        for keyword in ["$id", "$schema", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$comment"] {
            fields[keyword] = .string
        }
        for keyword in ["contentEncoding", "contentMediaType"] { fields[keyword] = .string }
        for keyword in ["exclusiveMaximum", "exclusiveMinimum"] { fields[keyword] = .number }
        for keyword in ["maxContains", "minContains"] { fields[keyword] = .nonNegativeInteger }
        for keyword in ["allOf", "oneOf", "anyOf", "prefixItems"] { fields[keyword] = .array(.schema, minItems: 1) }
        fields["type"] = .schemaTypes
        fields["$vocabulary"] = .map(.boolean)
        fields["dependentRequired"] = .map(.array(.string))
        fields["const"] = .any
        fields["examples"] = .array(.any)
        return ObjectSpec("Schema object", fields: fields, acceptsUnknownFields: true, refWithSiblings: true)
    }

    /// JSON Schema's type names, for 3.1 `type`.
    static let schemaTypeNames = ["array", "boolean", "integer", "null", "number", "object", "string"]
}
