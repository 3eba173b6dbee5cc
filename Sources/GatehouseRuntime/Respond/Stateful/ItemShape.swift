import GatehouseJSON
import GatehouseSpec

/// What a stored item must have beyond the client's fields: the properties the answer's item schema requires, so an
/// item takes those from the contract's example (ids, timestamps, counters) and nothing optional the client did not
/// send.
enum ItemShape {
    /// The `required` properties of the item schema of `operation`'s first JSON success response: the schema itself,
    /// or for a list the `items` of an array or of the array member of a wrapper object; `allOf` parts included.
    static func requiredProperties(of operation: Operation, isList: Bool, in document: SpecDocument) -> Set<String> {
        guard let (address, object) = itemSchema(of: operation, isList: isList, in: document) else { return [] }
        return required(object, at: address, document, depth: 0)
    }

    /// The item schema of `operation`'s first JSON success response, resolved: the schema itself, or for a list the
    /// `items` of an array or of the array member of a wrapper object.
    static func itemSchema(of operation: Operation, isList: Bool, in document: SpecDocument) -> (
        address: NodeAddress, object: JSONObject
    )? {
        guard let response = successResponse(of: operation),
            let schema = response.content.first(where: { $0.mediaType?.isJSON ?? false })?.schema
        else { return nil }
        var item = resolve(schema.address, document)
        if isList, let (address, object) = item, object["type"]?.stringValue == "array" || object["items"] != nil,
            object["properties"] == nil
        {
            item = resolve(address.appending("items"), document)
        } else if isList, let (address, object) = item,
            let arrayMember = properties(object, at: address, document, depth: 0).sorted(by: { $0.key < $1.key })
                .first(where: { resolve($0.value, document)?.1["type"]?.stringValue == "array" })
        {
            item = resolve(arrayMember.value.appending("items"), document)
        }
        return item.map { (address: $0.0, object: $0.1) }
    }

    /// The response a mock answers with: the first success response, else `default`.
    static func successResponse(of operation: Operation) -> Response? {
        operation.responses.first { $0.status.isSuccess } ?? operation.responses.first { $0.status == .default }
    }

    /// The required properties of `operation`'s item that its JSON request body declares and that allow `null`: a
    /// client that leaves one out of a create or a replace gets `null` there, not the contract's example value
    /// (creating `{"name": "Work"}` must not come back with the example's description).
    static func clearedWhenOmitted(of operation: Operation, required: Set<String>, in document: SpecDocument) -> Set<
        String
    > {
        guard !required.isEmpty, let body = operation.requestBody,
            let schema = body.content.first(where: { $0.mediaType?.isJSON ?? false })?.schema,
            let (address, object) = resolve(schema.address, document)
        else { return [] }
        var names = Set<String>()
        for (name, propertyAddress) in properties(object, at: address, document, depth: 0)
        where required.contains(name) && allowsNull(propertyAddress, document) {
            names.insert(name)
        }
        return names
    }

    /// The declared properties of an object schema and where each one's schema is, `allOf` parts included.
    static func properties(_ object: JSONObject, at address: NodeAddress, _ document: SpecDocument, depth: Int)
        -> [String: NodeAddress]
    {
        var found: [String: NodeAddress] = [:]
        for name in object["properties"]?.objectValue?.keys ?? [] {
            found[name] = address.appending("properties").appending(name)
        }
        guard depth < 8, let parts = object["allOf"]?.arrayValue else { return found }
        for index in parts.indices {
            guard let (partAddress, part) = resolve(address.appending("allOf").appending(index), document) else {
                continue
            }
            found.merge(properties(part, at: partAddress, document, depth: depth + 1)) { first, _ in first }
        }
        return found
    }

    /// Whether a schema accepts `null`: OpenAPI 3.0's `nullable`, a `type` list with `null`, or a `oneOf`/`anyOf`
    /// branch of type `null`.
    static func allowsNull(_ address: NodeAddress, _ document: SpecDocument) -> Bool {
        guard let (resolved, object) = resolve(address, document) else { return false }
        if object["nullable"]?.boolValue == true { return true }
        if object["type"]?.stringValue == "null" { return true }
        if object["type"]?.arrayValue?.contains(.string("null")) == true { return true }
        for keyword in ["oneOf", "anyOf"] {
            for index in (object[keyword]?.arrayValue ?? []).indices {
                guard let (_, branch) = resolve(resolved.appending(keyword).appending(index), document) else {
                    continue
                }
                if branch["type"]?.stringValue == "null" || branch["nullable"]?.boolValue == true { return true }
            }
        }
        return false
    }

    static func required(_ object: JSONObject, at address: NodeAddress, _ document: SpecDocument, depth: Int) -> Set<
        String
    > {
        var names = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        guard depth < 8, let parts = object["allOf"]?.arrayValue else { return names }
        for index in parts.indices {
            guard let (partAddress, part) = resolve(address.appending("allOf").appending(index), document) else {
                continue
            }
            names.formUnion(required(part, at: partAddress, document, depth: depth + 1))
        }
        return names
    }

    static func resolve(_ address: NodeAddress, _ document: SpecDocument) -> (NodeAddress, JSONObject)? {
        guard case .success(let resolved) = document.dereference(address), let object = resolved.value.objectValue
        else { return nil }
        return (resolved.address, object)
    }
}
