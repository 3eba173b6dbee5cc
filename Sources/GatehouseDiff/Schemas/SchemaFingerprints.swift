import GatehouseJSON
import GatehouseSpec

/// Structural fingerprints of schemas, built Merkle-style: a node's fingerprint is a hash of its keywords and its
/// children's fingerprints, and a `$ref` stands for the fingerprint of the schema it points at. Documentation is left
/// out and names never go in, so a renamed or moved component has the fingerprint of the original.
///
/// `$ref`s are followed `referenceDepth` levels deep; past that a reference is a marker. That bound is what cuts
/// cycles: a fingerprint depends only on the node and the depth left, never on the path that reached it, so each
/// (target, depth) pair is hashed once and memoized, and the cost of fingerprinting a whole document is linear in its
/// size: a node is hashed once per depth for each target that contains it (its component, and an inline alternative
/// fingerprinted on its own), however many alternatives reach it through `$ref`s. Differences deeper than the bound
/// are left to the structural comparison, which is where they are reported.
struct SchemaFingerprints {
    typealias Fingerprint = Int

    private struct Key: Hashable {
        var target: NodeAddress
        var depthLeft: Int
    }

    private var memo: [SideName: [Key: Fingerprint]] = [:]
    /// How many `$ref`s deep a fingerprint follows references.
    static let referenceDepth = 2
    static let ignoredKeys: Set<String> = [
        "description", "title", "example", "examples", "externalDocs", "$comment", "deprecated", "$id", "$schema",
    ]
    /// Keywords whose value maps names to schemas: every name counts, even `description`.
    static let schemaMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
    ]
    /// Keywords whose array is a set: the order of its members does not change what the schema means.
    static let unorderedArrays: Set<String> = ["required", "enum", "type", "oneOf", "anyOf", "allOf"]

    private enum Marker: Hashable {
        case unresolved
        case depthReached
        case object
        case array
        case set
        case scalar
    }

    mutating func fingerprint(_ address: NodeAddress, _ side: SideName, in document: SpecDocument) -> Fingerprint {
        var table = memo[side, default: [:]]
        memo[side] = nil
        defer { memo[side] = table }
        return Self.hashTarget(address, depthLeft: Self.referenceDepth, in: document, memo: &table)
    }

    /// The fingerprint of the schema at `address` after its `$ref`s, memoized by where it is and the depth left.
    private static func hashTarget(
        _ address: NodeAddress, depthLeft: Int, in document: SpecDocument, memo: inout [Key: Fingerprint]
    ) -> Fingerprint {
        guard case .success(let resolved) = document.dereference(address) else { return marker(.unresolved) }
        let key = Key(target: resolved.address, depthLeft: depthLeft)
        if let known = memo[key] { return known }
        let result = hashValue(
            resolved.value, file: resolved.address.file, depthLeft: depthLeft, isMap: false, in: document, memo: &memo)
        memo[key] = result
        return result
    }

    private static func hashValue(
        _ value: JSONValue, file: String, depthLeft: Int, isMap: Bool, in document: SpecDocument,
        memo: inout [Key: Fingerprint]
    ) -> Fingerprint {
        switch value {
        case .object(let object):
            if !isMap, case .string(let ref)? = object["$ref"] {
                guard depthLeft > 0 else { return marker(.depthReached) }
                guard case .node(let target) = document.resolve(ref, from: file) else { return marker(.unresolved) }
                return hashTarget(target, depthLeft: depthLeft - 1, in: document, memo: &memo)
            }
            // Members combine by a sum, which is the same in any order: no sorting, and key order never counts.
            var sum = 0
            for member in object where isMap || (!ignoredKeys.contains(member.key) && !member.key.hasPrefix("x-")) {
                let child: Fingerprint
                if !isMap, unorderedArrays.contains(member.key), case .array(let array) = member.value {
                    child = hashSet(array, file: file, depthLeft: depthLeft, in: document, memo: &memo)
                } else {
                    child = hashValue(
                        member.value, file: file, depthLeft: depthLeft,
                        isMap: !isMap && schemaMaps.contains(member.key), in: document, memo: &memo)
                }
                var hasher = Hasher()
                hasher.combine(member.key)
                hasher.combine(child)
                sum &+= hasher.finalize()
            }
            var hasher = Hasher()
            hasher.combine(Marker.object)
            hasher.combine(sum)
            return hasher.finalize()
        case .array(let array):
            var hasher = Hasher()
            hasher.combine(Marker.array)
            hasher.combine(array.count)
            for element in array {
                hasher.combine(
                    hashValue(element, file: file, depthLeft: depthLeft, isMap: false, in: document, memo: &memo))
            }
            return hasher.finalize()
        default:
            var hasher = Hasher()
            hasher.combine(Marker.scalar)
            hasher.combine(value)
            return hasher.finalize()
        }
    }

    /// An array whose order does not count (`required`, `enum`, `oneOf`, ...): its members' fingerprints summed.
    private static func hashSet(
        _ array: [JSONValue], file: String, depthLeft: Int, in document: SpecDocument, memo: inout [Key: Fingerprint]
    ) -> Fingerprint {
        var sum = 0
        for element in array {
            sum &+= hashValue(element, file: file, depthLeft: depthLeft, isMap: false, in: document, memo: &memo)
        }
        var hasher = Hasher()
        hasher.combine(Marker.set)
        hasher.combine(array.count)
        hasher.combine(sum)
        return hasher.finalize()
    }

    private static func marker(_ marker: Marker) -> Fingerprint {
        var hasher = Hasher()
        hasher.combine(marker)
        return hasher.finalize()
    }
}

extension DiffRun {
    mutating func fingerprint(_ address: NodeAddress, _ side: SideName) -> SchemaFingerprints.Fingerprint {
        fingerprints.fingerprint(address, side, in: side == .base ? base.document : revision.document)
    }
}
