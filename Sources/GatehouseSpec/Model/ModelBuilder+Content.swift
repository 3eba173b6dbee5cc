import GatehouseJSON

extension ModelBuilder {
    func makeRequestBody(at declaredAt: NodeAddress) -> RequestBody? {
        guard document.value(at: declaredAt) != nil, let (address, object) = object(at: declaredAt) else { return nil }
        return RequestBody(
            description: object["description"]?.stringValue,
            required: object["required"]?.boolValue ?? false,
            content: makeContent(object["content"], at: address.appending("content")),
            extensions: extensions(of: object),
            address: address
        )
    }

    func makeResponses(at responsesAddress: NodeAddress) -> [Response] {
        guard let responses = document.value(at: responsesAddress)?.objectValue else { return [] }
        return responses.compactMap { member -> Response? in
            guard let status = ResponseStatus(member.key),
                let (address, object) = object(at: responsesAddress.appending(member.key))
            else { return nil }
            return Response(
                status: status,
                description: object["description"]?.stringValue ?? "",
                headers: makeHeaders(object["headers"], at: address.appending("headers")),
                content: makeContent(object["content"], at: address.appending("content")),
                links: object["links"]?.objectValue ?? JSONObject(),
                extensions: extensions(of: object),
                address: address
            )
        }
    }

    func makeHeaders(_ value: JSONValue?, at headersAddress: NodeAddress) -> [Header] {
        guard let headers = value?.objectValue else { return [] }
        return headers.compactMap { member -> Header? in
            guard let (address, object) = object(at: headersAddress.appending(member.key)) else { return nil }
            return Header(
                name: member.key,
                description: object["description"]?.stringValue,
                required: object["required"]?.boolValue ?? false,
                deprecated: object["deprecated"]?.boolValue ?? false,
                explode: object["explode"]?.boolValue ?? false,
                schema: object["schema"] != nil ? SchemaReference(address: address.appending("schema")) : nil,
                content: makeContent(object["content"], at: address.appending("content")),
                example: object["example"],
                examples: makeExamples(object, at: address),
                extensions: extensions(of: object),
                address: address
            )
        }
    }

    func makeContent(_ value: JSONValue?, at contentAddress: NodeAddress) -> [MediaType] {
        guard let content = value?.objectValue else { return [] }
        return content.compactMap { member -> MediaType? in
            let address = contentAddress.appending(member.key)
            guard let object = member.value.objectValue else { return nil }
            return MediaType(
                name: member.key,
                mediaType: MediaTypeName(member.key),
                schema: object["schema"] != nil ? SchemaReference(address: address.appending("schema")) : nil,
                example: object["example"],
                examples: makeExamples(object, at: address),
                encoding: object["encoding"]?.objectValue ?? JSONObject(),
                extensions: extensions(of: object),
                address: address
            )
        }
    }

    /// The `examples` map of a parameter, header or media type, with a single `example` as one named `default`.
    func makeExamples(_ object: JSONObject, at address: NodeAddress) -> [Example] {
        var result: [Example] = []
        if let value = object["example"] {
            result.append(
                Example(
                    name: "default",
                    summary: nil,
                    description: nil,
                    value: value,
                    externalValue: nil,
                    address: address.appending("example")
                )
            )
        }
        guard let examples = object["examples"]?.objectValue else { return result }
        for member in examples {
            guard let (exampleAddress, example) = self.object(at: address.appending("examples").appending(member.key))
            else { continue }
            result.append(
                Example(
                    name: member.key,
                    summary: example["summary"]?.stringValue,
                    description: example["description"]?.stringValue,
                    value: example["value"],
                    externalValue: example["externalValue"]?.stringValue,
                    address: exampleAddress.appending("value")
                )
            )
        }
        return result
    }
}
