import GatehouseJSON
import GatehouseSpec

/// The compiler's state: the documents it can reach, the index of their `$id`s and anchors, and every node compiled
/// so far by address (so a schema referenced from many places, or from itself, is compiled once).
///
/// `@unchecked Sendable`: `SchemaCompiler` only touches it while holding `lock`.
final class SchemaBuilder: @unchecked Sendable {
    let dialect: SchemaDialect
    let lock = CompilerLock()
    let specDocument: SpecDocument?
    let remotes: [String: JSONValue]
    var documents: [String: JSONValue] = [:]
    var indexedDocuments: Set<String> = []
    /// Absolute URI (no fragment) of each schema resource → where its root is.
    var resources: [String: NodeAddress] = [:]
    /// Resource root → its base URI.
    var resourceBases: [NodeAddress: String] = [:]
    /// `uri#name` → node, for `$anchor`, `$dynamicAnchor` and draft 4's `id: "#name"`.
    var anchors: [String: NodeAddress] = [:]
    /// Resource root → its dynamic anchors.
    var dynamicAnchorsByResource: [NodeAddress: [String: NodeAddress]] = [:]
    var nodes: [NodeAddress: SchemaNode] = [:]
    var compiledResources: [NodeAddress: SchemaResource] = [:]
    var usesDynamicScope = false
    var depth = 0
    /// Nodes and resources created by the compile in progress, evicted if it fails so that no half-filled node
    /// stays in the cache for a later compile to pick up.
    var created: [NodeAddress] = []
    var createdResources: [NodeAddress] = []
    var anonymousCount = 0

    static let maxDepth = 200

    init(dialect: SchemaDialect, specDocument: SpecDocument?, remotes: [String: JSONValue]) {
        self.dialect = dialect
        self.specDocument = specDocument
        self.remotes = remotes
        if let specDocument {
            for (key, file) in specDocument.files { documents[key] = file.root }
        }
    }

    func value(at address: NodeAddress) -> JSONValue? {
        documents[address.file]?.value(at: address.pointer)
    }

    // MARK: Compiling nodes

    func node(at address: NodeAddress) throws(SchemaCompileError) -> SchemaNode {
        if let existing = nodes[address] { return existing }
        indexDocument(address.file)
        guard let json = value(at: address) else {
            throw SchemaCompileError(
                code: .unresolvedReference, message: "no schema at '\(address)'", location: address)
        }
        let node = SchemaNode(address: address, json: json)
        nodes[address] = node
        created.append(address)
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw SchemaCompileError(
                code: .tooDeep, message: "schemas nested deeper than \(Self.maxDepth) levels", location: address)
        }
        node.resource = try resource(at: resourceRoot(of: address))
        try fill(node)
        return node
    }

    func resource(at root: NodeAddress) throws(SchemaCompileError) -> SchemaResource {
        if let existing = compiledResources[root] { return existing }
        let resource = SchemaResource(address: root)
        compiledResources[root] = resource
        createdResources.append(root)
        for (name, address) in dynamicAnchorsByResource[root] ?? [:] {
            resource.dynamicAnchors[name] = try node(at: address)
        }
        return resource
    }

    func resourceRoot(of address: NodeAddress) -> NodeAddress {
        var tokens = address.pointer.tokens
        while true {
            let candidate = NodeAddress(file: address.file, pointer: JSONPointer(tokens: tokens))
            if resourceBases[candidate] != nil || tokens.isEmpty { return candidate }
            tokens.removeLast()
        }
    }

    func baseURI(of address: NodeAddress) -> String {
        resourceBases[resourceRoot(of: address)] ?? address.file
    }

    // MARK: References

    func resolveReference(_ ref: String, at address: NodeAddress) throws(SchemaCompileError) -> SchemaNode {
        let absolute = SchemaURI.resolve(ref, against: baseURI(of: address))
        if let target = locate(absolute) { return try node(at: target) }
        if let specDocument, case .node(let target) = specDocument.resolve(ref, from: address.file) {
            return try node(at: target)
        }
        throw SchemaCompileError(
            code: .unresolvedReference, message: "unresolved reference '\(ref)' (resolved to '\(absolute)')",
            location: address.appending("$ref"))
    }

    /// The address an absolute URI names, loading a registered remote document when needed.
    func locate(_ absolute: String) -> NodeAddress? {
        let (uri, fragment) = SchemaURI.splitFragment(absolute)
        if resources[uri] == nil {
            if documents[uri] == nil, let remote = remotes[uri] { documents[uri] = remote }
            if documents[uri] != nil { indexDocument(uri) }
        }
        guard let root = resources[uri] else { return nil }
        if fragment.isEmpty { return root }
        if fragment.hasPrefix("/") || fragment.hasPrefix("%2F") {
            guard let pointer = JSONPointer(fragment: fragment) else { return nil }
            let target = NodeAddress(
                file: root.file, pointer: JSONPointer(tokens: root.pointer.tokens + pointer.tokens))
            return value(at: target) == nil ? nil : target
        }
        let name = fragment.removingPercentEncoding() ?? fragment
        return anchors[uri + "#" + name]
    }

    /// Runs one compile: on failure, forgets every node it created.
    func transaction<Result>(_ body: () throws(SchemaCompileError) -> Result) throws(SchemaCompileError) -> Result {
        created = []
        createdResources = []
        depth = 0
        do {
            return try body()
        } catch {
            for address in created { nodes[address] = nil }
            for address in createdResources { compiledResources[address] = nil }
            throw error
        }
    }

    /// Registers a standalone document under `key` and returns its root address.
    func addDocument(_ root: JSONValue, key: String?) -> NodeAddress {
        let documentKey: String
        if let key {
            documentKey = key
        } else {
            anonymousCount += 1
            documentKey = "urn:gatehouse:schema:\(anonymousCount)"
        }
        if let existing = documents[documentKey], existing != root {
            // The same base URI for a different schema: start over rather than serve stale nodes.
            nodes = [:]
            compiledResources = [:]
            resources = [:]
            resourceBases = [:]
            anchors = [:]
            dynamicAnchorsByResource = [:]
            indexedDocuments = []
        }
        documents[documentKey] = root
        indexDocument(documentKey)
        return NodeAddress(file: documentKey, pointer: .root)
    }
}

/// A schema resource (a document root or a schema with `$id`): the unit of the dynamic scope.
///
/// `@unchecked Sendable`: filled by the compiler under its lock, read-only afterwards.
final class SchemaResource: @unchecked Sendable {
    let address: NodeAddress
    var dynamicAnchors: [String: SchemaNode] = [:]

    init(address: NodeAddress) {
        self.address = address
    }
}

extension String {
    fileprivate func removingPercentEncoding() -> String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
