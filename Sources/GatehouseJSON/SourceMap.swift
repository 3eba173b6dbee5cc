/// Maps every node of a parsed document to where it was written.
///
/// Nodes are recorded in document pre-order with the size of their subtree, so a JSON pointer is resolved by walking
/// the value and skipping whole subtrees: no string is built per node while parsing, and a 5 MB spec maps in one pass.
public struct SourceMap: Sendable {
    /// One node: where its value starts, where its key starts (for object members) and how many nodes its subtree has.
    package struct Entry: Sendable {
        package var line: UInt32
        package var column: UInt32
        package var keyLine: UInt32
        package var keyColumn: UInt32
        package var size: UInt32
    }

    package var entries: [Entry] = []
    /// JSON text records columns in bytes (cheap while parsing); they are converted to characters on lookup.
    package let columnsAreBytes: Bool

    package init(columnsAreBytes: Bool) {
        self.columnsAreBytes = columnsAreBytes
    }

    /// The node count of the document.
    public var nodeCount: Int { entries.count }

    // MARK: Building

    /// Starts a node and returns its index; `end(_:)` closes it once its children are recorded.
    package mutating func begin(line: Int, column: Int, keyLine: Int = 0, keyColumn: Int = 0) -> Int {
        entries.append(
            Entry(
                line: UInt32(clamping: line),
                column: UInt32(clamping: column),
                keyLine: UInt32(clamping: keyLine),
                keyColumn: UInt32(clamping: keyColumn),
                size: 1
            )
        )
        return entries.count - 1
    }

    package mutating func end(_ index: Int) {
        entries[index].size = UInt32(entries.count - index)
    }

    /// Drops the nodes recorded from `index` on (a duplicate key's value that the document does not keep).
    package mutating func truncate(to index: Int) {
        entries.removeSubrange(index...)
    }

    /// Copies the subtree of node `index` to the end (a YAML alias: its nodes point where the anchor was written).
    package mutating func appendCopy(of index: Int, keyLine: Int, keyColumn: Int) {
        let size = Int(entries[index].size)
        let start = entries.count
        entries.append(contentsOf: entries[index..<(index + size)])
        entries[start].keyLine = UInt32(clamping: keyLine)
        entries[start].keyColumn = UInt32(clamping: keyColumn)
    }

    // MARK: Lookup

    /// Where the node at `pointer` is, as raw (line, column, keyLine, keyColumn); nil when the pointer leaves the
    /// document.
    package func entry(at pointer: JSONPointer, in root: JSONValue) -> Entry? {
        guard !entries.isEmpty else { return nil }
        var index = 0
        var value = root
        for token in pointer.tokens {
            switch value {
            case .object(let object):
                guard let position = object.position(of: token) else { return nil }
                index = childIndex(of: index, at: position)
                value = object[position].value
            case .array(let array):
                guard let position = JSONPointer.arrayIndex(token), position < array.count else { return nil }
                index = childIndex(of: index, at: position)
                value = array[position]
            default:
                return nil
            }
            guard index < entries.count else { return nil }
        }
        return entries[index]
    }

    private func childIndex(of parent: Int, at position: Int) -> Int {
        var child = parent + 1
        for _ in 0..<position {
            child += Int(entries[child].size)
        }
        return child
    }
}
