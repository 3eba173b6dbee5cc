import GatehouseJSON
import GatehouseSpec

/// Structural fingerprints of schemas: the schema with its `$ref`s expanded (a few levels deep, cycles cut) and
/// documentation left out, so a renamed or moved component has the fingerprint of the original.
struct SchemaFingerprints {
    private var cache: [SideName: [NodeAddress: String]] = [:]
    /// How many `$ref`s deep a fingerprint expands: deeper differences are left to the structural comparison.
    static let referenceDepth = 2
    static let ignoredKeys: Set<String> = [
        "description", "title", "example", "examples", "externalDocs", "$comment", "deprecated", "$id", "$schema",
    ]

    mutating func fingerprint(_ address: NodeAddress, _ side: SideName, in document: SpecDocument) -> String {
        if let known = cache[side]?[address] { return known }
        var output = ""
        var visiting = Set<NodeAddress>()
        Self.write(address, in: document, depth: 0, visiting: &visiting, to: &output)
        cache[side, default: [:]][address] = output
        return output
    }

    private static func write(
        _ address: NodeAddress, in document: SpecDocument, depth: Int, visiting: inout Set<NodeAddress>,
        to output: inout String
    ) {
        guard case .success(let resolved) = document.dereference(address) else {
            output += "?"
            return
        }
        guard depth <= referenceDepth, visiting.insert(resolved.address).inserted else {
            output += "@"
            return
        }
        defer { visiting.remove(resolved.address) }
        let nextDepth = resolved.address == address ? depth : depth + 1
        writeValue(
            resolved.value, at: resolved.address, in: document, depth: nextDepth, isMap: false, visiting: &visiting,
            to: &output)
    }

    /// Keywords whose value maps names to schemas: every name counts, even `description`.
    static let schemaMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
    ]

    private static func writeValue(
        _ value: JSONValue, at address: NodeAddress, in document: SpecDocument, depth: Int, isMap: Bool,
        visiting: inout Set<NodeAddress>, to output: inout String
    ) {
        switch value {
        case .object(let object):
            if object["$ref"] != nil {
                write(address, in: document, depth: depth, visiting: &visiting, to: &output)
                return
            }
            output += "{"
            for member in object.sorted(by: { $0.key < $1.key })
            where isMap || (!ignoredKeys.contains(member.key) && !member.key.hasPrefix("x-")) {
                JSONWriter.writeString(member.key, to: &output)
                output += ":"
                writeValue(
                    member.value, at: address.appending(member.key), in: document, depth: depth,
                    isMap: !isMap && schemaMaps.contains(member.key), visiting: &visiting, to: &output)
                output += ","
            }
            output += "}"
        case .array(let array):
            output += "["
            for index in array.indices {
                writeValue(
                    array[index], at: address.appending(index), in: document, depth: depth, isMap: false,
                    visiting: &visiting, to: &output)
                output += ","
            }
            output += "]"
        default:
            JSONWriter.write(value, to: &output, pretty: false)
        }
    }
}

extension DiffRun {
    mutating func fingerprint(_ address: NodeAddress, _ side: SideName) -> String {
        fingerprints.fingerprint(address, side, in: side == .base ? base.document : revision.document)
    }
}
