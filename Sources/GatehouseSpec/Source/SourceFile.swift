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

    public init(path: String, bytes: [UInt8], root: JSONValue, sourceMap: SourceMap) {
        self.path = path
        self.bytes = bytes
        self.root = root
        self.sourceMap = sourceMap
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
            file: path, line: line, column: SourceText.characterColumn(bytes, line: line, byteColumn: column))
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String? {
        SourceText.line(line, in: bytes)
    }
}

/// Line arithmetic over raw bytes.
enum SourceText {
    /// The byte offset where a 1-based line starts.
    static func lineStart(_ line: Int, in bytes: [UInt8]) -> Int? {
        guard line >= 1 else { return nil }
        if line == 1 { return 0 }
        var current = 1
        var offset = 0
        while offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\n") {
                current += 1
                if current == line { return offset + 1 }
            }
            offset += 1
        }
        return nil
    }

    static func line(_ line: Int, in bytes: [UInt8]) -> String? {
        guard let start = lineStart(line, in: bytes) else { return nil }
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Converts a byte column of a 1-based line into a character column.
    static func characterColumn(_ bytes: [UInt8], line: Int, byteColumn: Int) -> Int {
        guard let start = lineStart(line, in: bytes) else { return byteColumn }
        let end = min(bytes.count, start + byteColumn - 1)
        var column = 1
        for offset in start..<max(start, end) where bytes[offset] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }

    /// The 1-based line and byte column of a byte offset.
    static func lineAndByteColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var position = 0
        let end = min(offset, bytes.count)
        while position < end {
            if bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
        return (line, end - lineStart + 1)
    }
}
