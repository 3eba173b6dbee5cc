public import GatehouseJSON
public import GatehouseSpec

/// Produces, from a schema, a deterministic instance that is valid against it: for mock responses, docs and
/// request templates.
///
/// It prefers what the author wrote (`const`, `enum`, `examples`, `example`, `default`, when valid), then builds a
/// value from the constraints: formats, bounds, lengths, `multipleOf`, `pattern`, required and (for readability)
/// optional properties, `allOf` merged, the first `oneOf`/`anyOf` alternative that gives a valid instance, the
/// discriminator's value. Every result is checked with the validator before it is returned.
public struct ExampleSynthesizer: Sendable {
    /// What to produce.
    public struct Configuration: Sendable, Hashable {
        /// How deep recursive schemas are followed; below it only required properties are filled in.
        public var maxDepth: Int
        /// Whether optional properties are filled in too (above `maxDepth`).
        public var includeOptionalProperties: Bool
        /// Requests omit `readOnly` properties, responses omit `writeOnly` ones.
        public var direction: ValidationOptions.Direction?

        /// Depth 6, optional properties included, no direction, by default.
        public init(
            maxDepth: Int = 6, includeOptionalProperties: Bool = true, direction: ValidationOptions.Direction? = nil
        ) {
            self.maxDepth = maxDepth
            self.includeOptionalProperties = includeOptionalProperties
            self.direction = direction
        }
    }

    /// The compiler schemas are compiled with (and cached in).
    public let compiler: SchemaCompiler
    /// What to produce.
    public var configuration: Configuration

    /// A synthesizer that compiles schemas with `compiler` (sharing its cache).
    public init(compiler: SchemaCompiler, configuration: Configuration = Configuration()) {
        self.compiler = compiler
        self.configuration = configuration
    }

    /// A synthesizer for the schemas of an OpenAPI document.
    public init(document: SpecDocument, configuration: Configuration = Configuration()) {
        self.init(compiler: SchemaCompiler(document: document), configuration: configuration)
    }

    /// An instance valid against the schema at `schema`, or nil when none was found (a `false` schema, or
    /// constraints the synthesizer cannot satisfy together).
    public func example(for schema: SchemaReference) throws(SchemaCompileError) -> JSONValue? {
        example(for: try compiler.compile(schema))
    }

    /// An instance valid against `schema`, or nil when none was found.
    public func example(for schema: CompiledSchema) -> JSONValue? {
        var run = SynthesisRun(configuration: configuration, usesDynamicScope: schema.usesDynamicScope)
        return run.synthesize(schema.root)
    }
}
