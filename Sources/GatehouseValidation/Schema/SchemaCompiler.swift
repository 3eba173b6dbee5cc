public import GatehouseJSON
public import GatehouseSpec

/// Compiles schemas into validators, once: every `$ref` (across files, recursive ones included) is resolved at
/// compile time, and validating an instance never reads the schema's JSON again.
///
/// Compiled subschemas are cached by address, so compiling every schema of a large document costs about as much as
/// compiling each schema once. A compile that fails leaves nothing in the cache. A compiler is safe to share between
/// threads.
///
/// Compiled nodes reference each other directly (a recursive schema is a cycle of references), so they live as long
/// as the compiler or any schema compiled with it: compile a document's schemas once and keep them.
public struct SchemaCompiler: Sendable {
    let builder: SchemaBuilder

    /// The dialect schemas are compiled in.
    public var dialect: SchemaDialect { builder.dialect }

    /// A compiler for the schemas of an OpenAPI document: 3.0 documents use `.openAPI30`, 3.1 `.openAPI31`.
    public init(document: SpecDocument) {
        self.builder = SchemaBuilder(
            dialect: SchemaDialect(version: document.version), specDocument: document, remotes: [:])
    }

    /// A compiler for plain JSON Schema documents.
    ///
    /// - Parameters:
    ///   - dialect: the dialect every schema is read in.
    ///   - remotes: documents a `$ref` may reach by absolute URI (without fragment), such as
    ///     `http://localhost:1234/integer.json`; nothing is ever fetched from the network.
    public init(dialect: SchemaDialect, remotes: [String: JSONValue] = [:]) {
        self.builder = SchemaBuilder(dialect: dialect, specDocument: nil, remotes: remotes)
    }

    /// Compiles the schema at `schema` (which may itself be a `$ref`) in the document.
    public func compile(_ schema: SchemaReference) throws(SchemaCompileError) -> CompiledSchema {
        try builder.lock.withLock { () throws(SchemaCompileError) -> CompiledSchema in
            try builder.transaction { () throws(SchemaCompileError) -> CompiledSchema in
                let root = try builder.node(at: schema.address)
                return CompiledSchema(root: root, dialect: builder.dialect, usesDynamicScope: builder.usesDynamicScope)
            }
        }
    }

    /// Compiles a standalone schema.
    ///
    /// - Parameters:
    ///   - schema: the schema document.
    ///   - baseURI: the URI relative references resolve against (an `$id` in the schema overrides it); when nil,
    ///     a unique `urn:` is made up. Issues' `schemaLocation.file` is this URI.
    public func compile(_ schema: JSONValue, baseURI: String? = nil) throws(SchemaCompileError) -> CompiledSchema {
        try builder.lock.withLock { () throws(SchemaCompileError) -> CompiledSchema in
            let address = builder.addDocument(schema, key: baseURI)
            return try builder.transaction { () throws(SchemaCompileError) -> CompiledSchema in
                let root = try builder.node(at: address)
                return CompiledSchema(root: root, dialect: builder.dialect, usesDynamicScope: builder.usesDynamicScope)
            }
        }
    }
}
