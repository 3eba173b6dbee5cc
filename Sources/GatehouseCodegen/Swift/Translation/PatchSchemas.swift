import GatehouseJSON
import GatehouseSpec

/// The schemas of partial updates: every schema reachable from the JSON request body of a `PATCH` operation or from
/// an `application/merge-patch+json` body, through references, properties, items, additional properties and
/// compositions.
///
/// In a partial update, absent and `null` mean different things: a JSON Merge Patch (RFC 7396) keeps an absent
/// member and removes one that is `null`. So an optional, nullable property of one of these schemas has the type
/// `Nullable<T>?` (nil: absent, `.null`, `.value(x)`) rather than `T?`, which folds the two. Everywhere else (bodies
/// of creates and replaces, responses) absent and `null` both mean "no value" and `T?` is kept: models stay plain
/// to use and quick to compile (GitHub's contract has hundreds of optional nullable response members). A schema
/// shared by a patch and another operation is one type, with `Nullable` members everywhere it is used.
struct PatchSchemas {
    private(set) var addresses: Set<NodeAddress> = []

    init(model: APIModel) {
        var work: [NodeAddress] = []
        for operation in model.operations {
            guard let body = operation.requestBody else { continue }
            for mediaType in body.content where OperationTranslator.kind(of: mediaType) == .json {
                let isMergePatch = mediaType.mediaType?.subtype.lowercased() == "merge-patch+json"
                guard operation.method == .patch || isMergePatch, let schema = mediaType.schema else { continue }
                work.append(schema.address)
            }
        }
        let document = model.document
        // A worklist rather than recursion: a deep or cyclic contract cannot overflow the stack or loop.
        while let address = work.popLast() {
            guard addresses.insert(address).inserted, case .object(let schema)? = document.value(at: address) else {
                continue
            }
            if let ref = schema["$ref"]?.stringValue, case .node(let target) = document.resolve(ref, from: address.file)
            {
                work.append(target)
            }
            if let members = schema["properties"]?.objectValue {
                for member in members { work.append(address.appending("properties").appending(member.key)) }
            }
            for keyword in ["items", "additionalProperties"] where schema[keyword]?.objectValue != nil {
                work.append(address.appending(keyword))
            }
            for keyword in ["allOf", "oneOf", "anyOf"] {
                if let members = schema[keyword]?.arrayValue {
                    for index in members.indices { work.append(address.appending(keyword).appending(index)) }
                }
            }
        }
    }

    /// Whether the schema at `address` is part of a partial update.
    func contains(_ address: NodeAddress) -> Bool { addresses.contains(address) }
}
