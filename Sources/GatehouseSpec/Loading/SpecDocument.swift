public import GatehouseJSON

/// An OpenAPI document as loaded: the root file, every file its `$ref`s reach, and how to resolve those references.
public struct SpecDocument: Sendable {
    /// The key of the root file in `files` (the path as the user named it, or `<stdin>`).
    public let rootFile: String
    public let version: OpenAPIVersion
    /// Every file read, by its path as reached from the root file.
    public let files: [String: SourceFile]
    /// Referenced files that could not be read, with the reason; each `$ref` to them is reported.
    public let unreadableFiles: [String: String]

    init(rootFile: String, version: OpenAPIVersion, files: [String: SourceFile], unreadableFiles: [String: String]) {
        self.rootFile = rootFile
        self.version = version
        self.files = files
        self.unreadableFiles = unreadableFiles
    }

    /// The root file's document.
    public var root: JSONValue { files[rootFile]?.root ?? .null }

    /// The address of a node of the root file.
    public func rootAddress(_ pointer: JSONPointer = .root) -> NodeAddress {
        NodeAddress(file: rootFile, pointer: pointer)
    }

    public func value(at address: NodeAddress) -> JSONValue? {
        files[address.file]?.root.value(at: address.pointer)
    }

    /// Where a node was written; with `key`, where its key was (for object members).
    public func location(of address: NodeAddress, key: Bool = false) -> SourceLocation {
        guard let file = files[address.file] else { return SourceLocation(file: address.file, line: 1, column: 1) }
        return file.location(of: address.pointer, key: key)
    }

    /// What a `$ref` found in `file` points at.
    public enum Resolution: Sendable, Hashable {
        case node(NodeAddress)
        /// A URL with a scheme; Gatehouse does not fetch it.
        case remote(String)
        /// A plain-name fragment, resolvable only by JSON Schema `$anchor`.
        case anchor(file: String, name: String)
        /// Not resolvable, with the reason as a diagnostic message.
        case broken(String)
    }

    public func resolve(_ ref: String, from file: String) -> Resolution {
        guard let reference = Reference(ref) else {
            return .broken("'\(ref)' is not a valid reference: its fragment is not a JSON pointer")
        }
        switch reference.target {
        case .remote(let url):
            return .remote(url)
        case .anchor(let path, let name):
            return .anchor(file: path.isEmpty ? file : PathArithmetic.join(path, relativeTo: file), name: name)
        case .local(let path, let pointer):
            let target = path.isEmpty ? file : PathArithmetic.join(path, relativeTo: file)
            guard let targetFile = files[target] else {
                let reason = unreadableFiles[target] ?? "file not found"
                return .broken("unresolved reference '\(ref)': cannot read '\(target)': \(reason)")
            }
            guard targetFile.root.value(at: pointer) != nil else {
                let place = path.isEmpty ? "this file" : "'\(target)'"
                return .broken("unresolved reference '\(ref)': \(place) has no node at '\(pointer.string)'")
            }
            return .node(NodeAddress(file: target, pointer: pointer))
        }
    }

    /// Why a chain of references could not be followed to a value.
    public struct ReferenceFailure: Error, Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case broken
            case cycle
            case remote
            case anchor
        }

        public var kind: Kind
        public var message: String
        /// The node holding the `$ref` that failed.
        public var at: NodeAddress
    }

    /// Follows `$ref`s from `address` until a node that is not a reference object.
    ///
    /// A chain that comes back to a node it passed is a cycle with no value in it (`A: {$ref: B}`, `B: {$ref: A}`);
    /// recursion through a schema's `properties` is not a chain and is never reported here.
    public func dereference(_ address: NodeAddress) -> Result<
        (address: NodeAddress, value: JSONValue), ReferenceFailure
    > {
        var current = address
        var chain: [NodeAddress] = []
        var visited = Set<NodeAddress>()
        while true {
            guard let value = value(at: current) else {
                return .failure(ReferenceFailure(kind: .broken, message: "no node at '\(current)'", at: current))
            }
            guard case .object(let object) = value, case .string(let ref)? = object["$ref"] else {
                return .success((current, value))
            }
            if visited.contains(current) {
                let loop = (chain.drop { $0 != current } + [current]).map(\.description).joined(separator: " -> ")
                return .failure(
                    ReferenceFailure(kind: .cycle, message: "reference cycle with no value in it: \(loop)", at: address)
                )
            }
            chain.append(current)
            visited.insert(current)
            switch resolve(ref, from: current.file) {
            case .node(let next):
                current = next
            case .remote(let url):
                return .failure(
                    ReferenceFailure(kind: .remote, message: "remote reference '\(url)' is not followed", at: current)
                )
            case .anchor(_, let name):
                return .failure(
                    ReferenceFailure(kind: .anchor, message: "reference to anchor '#\(name)'", at: current)
                )
            case .broken(let message):
                return .failure(ReferenceFailure(kind: .broken, message: message, at: current))
            }
        }
    }
}
