public import GatehouseJSON
public import GatehouseSpec

/// The JSON Schema dialect a schema is compiled in.
public enum SchemaDialect: Sendable, Hashable {
    /// OpenAPI 3.0 schema objects: draft 4 plus `nullable`, `readOnly`/`writeOnly`, `discriminator`.
    case openAPI30
    /// OpenAPI 3.1: JSON Schema 2020-12, with `discriminator`, `xml` and `example` as annotations.
    case openAPI31
    /// Plain JSON Schema draft 4.
    case draft4
    /// Plain JSON Schema 2020-12.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // The draft's own name, 2020-12, reads better than any camel-cased form.
    case draft2020_12

    /// The dialect of an OpenAPI document's schemas.
    public init(version: OpenAPIVersion) {
        // The version text rather than a case name, which the front end has renamed before.
        self = version.string.hasPrefix("3.1") ? .openAPI31 : .openAPI30
    }

    /// Draft 4 rules: `id`, boolean `exclusiveMaximum`, `$ref` hiding its siblings, array `items`.
    var isDraft4Family: Bool { self == .openAPI30 || self == .draft4 }
    var isOpenAPI: Bool { self == .openAPI30 || self == .openAPI31 }
}
