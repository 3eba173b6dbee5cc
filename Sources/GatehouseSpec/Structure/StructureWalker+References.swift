import GatehouseJSON

/// Reference Objects and schema `$ref`s: following them, and reporting the ones that lead nowhere.
extension StructureWalker {
    /// Follows the `$ref` of the object at `node` and queues its target to be checked as `type`, once per type.
    ///
    /// A failure is reported at the `$ref` that failed, which for a chain of references may be in another file
    /// than `node`; reporting it there, once, keeps one broken link from being reported by every path that reaches it.
    mutating func followReference(_ ref: JSONValue, from node: Int, as type: ObjectType) {
        guard case .string = ref else {
            reportMismatch(ref, expected: .string, at: arena.child(of: node, .key("$ref")))
            return
        }
        let address = arena.address(of: node)
        switch references.dereference(address, in: document) {
        case .success(let target):
            switch target.value {
            case .object:
                if checked.insert(CheckKey(address: target.address, type: type)).inserted {
                    enqueueTarget(target.value, at: target.address, as: type, from: address.appending("$ref"))
                }
            case .bool where type == .schema && table.isOpenAPI31:
                return
            default:
                let expected = type == .schema ? expectation(of: .schema) : articled(table[type].name)
                report(
                    .structure,
                    "expected '$ref' to point at \(expected), found \(found(target.value, for: .any)) at '\(target.address)'",
                    at: arena.child(of: node, .key("$ref"))
                )
            }
        case .failure(let failure):
            let site = failure.at.appending("$ref")
            switch failure.kind {
            case .broken:
                if type == .schema && table.isOpenAPI31 && mayResolveBySchemaID(failure.at) { return }
                report(.unresolvedRef, failure.message, at: site)
            case .cycle:
                report(.refCycle, failure.message, at: site)
            case .remote:
                report(.remoteRef, failure.message, at: site)
            case .anchor:
                // `#name` is a JSON Schema `$anchor`; the loader does not index anchors, so it is not judged here.
                return
            }
        }
    }

    /// Whether a 3.1 schema `$ref` that does not resolve as a file path could resolve through JSON Schema's `$id`.
    ///
    /// A schema with `$id` changes the base that its `$ref`s resolve against, and a `$ref` may name another schema
    /// by its `$id`. The loader resolves against files only, so such a reference is given the benefit of the doubt
    /// rather than reported as broken.
    mutating func mayResolveBySchemaID(_ address: NodeAddress) -> Bool {
        guard let file = document.files[address.file] else { return false }
        var value = file.root
        if value["$id"]?.stringValue != nil { return true }
        for token in address.pointer.tokens {
            guard let next = value.value(at: JSONPointer(tokens: [token])) else { break }
            value = next
            if value["$id"]?.stringValue != nil { return true }
        }
        guard let ref = value["$ref"]?.stringValue else { return false }
        let resource = String(ref.prefix { $0 != "#" })
        guard !resource.isEmpty else { return false }
        let ids = schemaIDs ?? collectSchemaIDs()
        schemaIDs = ids
        return ids.contains { $0 == resource || $0.hasSuffix("/" + resource) }
    }

    private func collectSchemaIDs() -> Set<String> {
        var ids = Set<String>()
        var stack = document.files.values.map(\.root)
        while let value = stack.popLast() {
            switch value {
            case .object(let object):
                if case .string(let id)? = object["$id"] { ids.insert(id) }
                for member in object { stack.append(member.value) }
            case .array(let items):
                stack.append(contentsOf: items)
            default:
                break
            }
        }
        return ids
    }
}
