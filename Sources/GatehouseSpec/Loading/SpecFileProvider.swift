/// A source of document files other than the file system, such as a git revision's tree.
///
/// Paths are those the loader reaches: the root file's path as given, and `$ref` targets joined to it.
public protocol SpecFileProvider: Sendable {
    /// The bytes of `path`, at most `limit` of them (the reader refuses a file that reaches the limit).
    func readBytes(path: String, limit: Int) throws(SpecFileReader.ReadError) -> [UInt8]
}
