public import GatehouseSpec

/// Loads BASE or REVISION through the front end: from disk, or from a git revision's tree.
public struct ContractReader: Sendable {
    public var reader: SpecFileReader.Configuration
    /// The directory git runs in.
    public var directory: String

    public init(reader: SpecFileReader.Configuration = .init(), directory: String) {
        self.reader = reader
        self.directory = directory
    }

    /// What was read: the side to compare (nil when the document could not be read as OpenAPI) and the front end's
    /// output, whose diagnostics say why.
    public struct Loaded: Sendable {
        public var side: DiffSide?
        public var output: SpecFrontEnd.Output
        /// The source bytes keyed as findings name the files (`main:specs/todo.yaml`).
        public var sources: [String: [UInt8]]
    }

    public func load(_ input: ContractInput) throws(SpecFileReader.ReadError) -> Loaded {
        switch input {
        case .file(let path):
            let output = try SpecFrontEnd(configuration: .init(reader: reader)).run(path: path)
            return Loaded(side: output.model.map { DiffSide(model: $0) }, output: output, sources: output.sources)
        case .revision(let revision, let path):
            var configuration = reader
            configuration.files = GitRevisionFiles(revision: revision, directory: directory)
            let output = try SpecFrontEnd(configuration: .init(reader: configuration)).run(path: path)
            let prefix = "\(revision):"
            var sources: [String: [UInt8]] = [:]
            for (file, bytes) in output.sources { sources[prefix + file] = bytes }
            var prefixed = output
            prefixed.diagnostics = output.diagnostics.map { diagnostic in
                var copy = diagnostic
                if let location = diagnostic.location { copy.location?.file = prefix + location.file }
                copy.notes = diagnostic.notes.map { note in
                    var copy = note
                    if let location = note.location { copy.location?.file = prefix + location.file }
                    return copy
                }
                return copy
            }
            return Loaded(
                side: output.model.map { DiffSide(model: $0, filePrefix: prefix) }, output: prefixed, sources: sources)
        }
    }
}
