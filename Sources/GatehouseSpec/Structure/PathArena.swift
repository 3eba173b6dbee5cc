import GatehouseJSON

/// The places the structure checker has visited, as a tree of parent links.
///
/// A node's JSON pointer is built only when a diagnostic or a `$ref` needs it, so walking a large document copies no
/// pointer per node.
struct PathArena {
    enum Token {
        case key(String)
        case index(Int)
    }

    private struct Node {
        /// -1 for a file's root, whose token is the file's key in `SpecDocument.files`.
        var parent: Int
        var token: Token
    }

    private var nodes: [Node] = []
    private var fileRoots: [String: Int] = [:]

    /// The node for the root of `file`.
    mutating func root(of file: String) -> Int {
        if let existing = fileRoots[file] { return existing }
        nodes.append(Node(parent: -1, token: .key(file)))
        fileRoots[file] = nodes.count - 1
        return nodes.count - 1
    }

    mutating func child(of parent: Int, _ token: Token) -> Int {
        nodes.append(Node(parent: parent, token: token))
        return nodes.count - 1
    }

    /// A node for an address reached by a `$ref`.
    mutating func node(for address: NodeAddress) -> Int {
        var node = root(of: address.file)
        for token in address.pointer.tokens {
            node = child(of: node, .key(token))
        }
        return node
    }

    func address(of index: Int) -> NodeAddress {
        var tokens: [String] = []
        var current = index
        while nodes[current].parent >= 0 {
            switch nodes[current].token {
            case .key(let key): tokens.append(key)
            case .index(let position): tokens.append(String(position))
            }
            current = nodes[current].parent
        }
        guard case .key(let file) = nodes[current].token else { preconditionFailure("a root node names its file") }
        return NodeAddress(file: file, pointer: JSONPointer(tokens: tokens.reversed()))
    }

    /// What messages call the value at a node: `'title'`, `item 2 of 'tags'`, `the document root`.
    func subject(of index: Int) -> String {
        let node = nodes[index]
        guard node.parent >= 0 else { return "the document root" }
        switch node.token {
        case .key(let key):
            return "'\(key)'"
        case .index(let position):
            let container = nodes[node.parent]
            if container.parent >= 0, case .key(let key) = container.token {
                return "item \(position) of '\(key)'"
            }
            return "item \(position)"
        }
    }

    /// The key of an object member's node.
    func key(of index: Int) -> String? {
        guard nodes[index].parent >= 0, case .key(let key) = nodes[index].token else { return nil }
        return key
    }
}
