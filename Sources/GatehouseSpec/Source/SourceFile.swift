public import GatehouseJSON

/// One file of a document: its bytes, its parsed value and the source map between them.
public struct SourceFile: Sendable {
    /// The path as the user named it (or as reached from the root file), used in diagnostics.
    public let path: String
    /// The bytes as read, kept to print the source line under a diagnostic.
    public let bytes: [UInt8]
    /// The parsed document.
    public let root: JSONValue
    /// Where each node of `root` was written.
    public let sourceMap: SourceMap
    /// Where each line starts, for turning positions into lines and character columns.
    public let lineIndex: LineIndex

    public init(path: String, bytes: [UInt8], root: JSONValue, sourceMap: SourceMap) {
        self.path = path
        self.bytes = bytes
        self.root = root
        self.sourceMap = sourceMap
        self.lineIndex = LineIndex(bytes)
    }

    /// Where the value at `pointer` starts, or, when `key` is true and the node is an object member, where its key
    /// starts. Falls back to the nearest ancestor that exists.
    public func location(of pointer: JSONPointer, key: Bool = false) -> SourceLocation {
        var current = pointer
        while true {
            if let entry = sourceMap.entry(at: current, in: root) {
                if key && entry.keyLine > 0 && current == pointer {
                    return makeLocation(line: Int(entry.keyLine), column: Int(entry.keyColumn))
                }
                return makeLocation(line: Int(entry.line), column: Int(entry.column))
            }
            guard let parent = current.parent else {
                return SourceLocation(file: path, line: 1, column: 1)
            }
            current = parent
        }
    }

    private func makeLocation(line: Int, column: Int) -> SourceLocation {
        guard sourceMap.columnsAreBytes else {
            return SourceLocation(file: path, line: line, column: column)
        }
        return SourceLocation(
            file: path, line: line, column: lineIndex.characterColumn(line: line, byteColumn: column, in: bytes))
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String? {
        lineIndex.line(line, in: bytes)
    }
}
