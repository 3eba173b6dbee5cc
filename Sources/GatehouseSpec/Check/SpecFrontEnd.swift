/// The front end as one pipeline: load → structure → API model → lint, then the rule filter.
///
/// Every later stage (`serve`, `generate`, `validate`) starts here and refuses to go on when errors remain.
public struct SpecFrontEnd: Sendable {
    public struct Configuration: Sendable {
        public var reader: SpecFileReader.Configuration
        /// Rule ids whose diagnostics are dropped.
        public var disabledRules: Set<String>

        public init(reader: SpecFileReader.Configuration = .init(), disabledRules: Set<String> = []) {
            self.reader = reader
            self.disabledRules = disabledRules
        }
    }

    public struct Output: Sendable {
        /// The model, when the document could be read as OpenAPI 3.0/3.1 (possibly with errors).
        public var model: APIModel?
        /// Diagnostics that survived the rule filter, sorted by file, line and column.
        public var diagnostics: [Diagnostic]
        /// The bytes of every file read, for quoting source lines.
        public var sources: [String: [UInt8]]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Runs the front end on a file, or on standard input for `-`.
    public func run(path: String) throws(SpecFileReader.ReadError) -> Output {
        let loader = DocumentLoader(reader: SpecFileReader(configuration: configuration.reader))
        return finish(try loader.load(path: path))
    }

    /// Runs the front end on a root file's bytes.
    public func run(bytes: [UInt8], path: String) -> Output {
        let loader = DocumentLoader(reader: SpecFileReader(configuration: configuration.reader))
        return finish(loader.load(bytes: bytes, path: path))
    }

    private func finish(_ loaded: DocumentLoader.Outcome) -> Output {
        var diagnostics = loaded.diagnostics
        var model: APIModel?
        if let document = loaded.document {
            diagnostics += StructureChecker(document: document).check()
            var builder = ModelBuilder(document: document)
            let built = builder.build()
            diagnostics += builder.diagnostics
            for rule in LintRules.all {
                diagnostics += rule.check(built)
            }
            model = built
        }
        var unique = Set<Diagnostic>()
        let kept = diagnostics.filter { !configuration.disabledRules.contains($0.rule) && unique.insert($0).inserted }
        return Output(model: model, diagnostics: kept.sortedByLocation(), sources: loaded.sources)
    }
}
