/// Where each line of a file starts, computed once, so turning a byte position into a line and a character column
/// costs a binary search instead of a scan from the start of the file.
public struct LineIndex: Sendable {
    /// Byte offset of the first byte of each line; `starts[0] == 0`.
    package let starts: [Int]

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for offset in buffer.indices where buffer[offset] == UInt8(ascii: "\n") {
                starts.append(offset + 1)
            }
        }
        self.starts = starts
    }

    public var lineCount: Int { starts.count }

    /// The byte offset where a 1-based line starts.
    public func lineStart(_ line: Int) -> Int? {
        guard line >= 1, line <= starts.count else { return nil }
        return starts[line - 1]
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ line: Int, in bytes: [UInt8]) -> String? {
        guard let start = lineStart(line) else { return nil }
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The 1-based line and byte column of a byte offset.
    public func lineAndByteColumn(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }

    /// Converts a byte column of a 1-based line into a character column (UTF-8 continuation bytes do not count).
    public func characterColumn(line: Int, byteColumn: Int, in bytes: [UInt8]) -> Int {
        guard let start = lineStart(line) else { return byteColumn }
        let end = min(bytes.count, start + byteColumn - 1)
        var column = 1
        for offset in start..<max(start, end) where bytes[offset] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }
}
