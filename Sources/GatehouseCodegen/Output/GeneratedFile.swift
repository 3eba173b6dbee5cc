/// One file a generator writes: its path relative to the output folder and its exact contents.
///
/// Generators return these instead of writing, so that `gatehouse generate --check` can compare them with what is
/// on disk and tests can compare them with golden files. Contents are deterministic: the same contract gives the
/// same bytes.
public struct GeneratedFile: Hashable, Sendable {
    /// Relative path with `/` separators, e.g. `Sources/TodoClient/Client.swift` or `index.html`.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
