import GatehouseJSON
import GatehouseSpec

extension DocsPageBuilder {
    func operation(for operation: Operation, anchors: inout AnchorAllocator) -> DocsOperation {
        var path = operation.path.raw
        if path.count > limits.pathLength { path = String(path.prefix(limits.pathLength)) + "…" }
        var values: [ParameterIdentity: JSONValue] = [:]
        for parameter in operation.parameters {
            if let value = parameter.example ?? parameter.examples.lazy.compactMap(\.value).first
                ?? examples.sample(for: parameter.schema, request: true)
            {
                values[parameter.identity] = value
            }
        }
        let bodyMedia = operation.requestBody?.content.first
        let bodyValue = bodyMedia.flatMap { examples.firstValue(for: $0, request: true) }
        let boundedOperation = Self.withPath(operation, path)
        let curl = CurlSnippet(
            baseURL: operation.servers.first?.resolvedURL ?? model.servers.first?.resolvedURL ?? "",
            operation: boundedOperation, parameterValues: values,
            body: bodyMedia.flatMap { media in bodyValue.map { (media.name, $0) } },
            securitySchemes: model.securitySchemes)
        let swift = SwiftClientSnippet(operation: boundedOperation, parameterValues: values, body: bodyValue)
        let parameters = operation.parameters.map { parameter(for: $0, value: values[$0.identity]) }
        let searchText = [operation.method.rawValue, path, operation.summary ?? "", operation.id]
            .joined(separator: " ").lowercased()
        var tryIt: Any = DocsNull()
        if tryItURL != nil {
            let keyHeader = model.securitySchemes.lazy.compactMap { scheme -> String? in
                guard case .apiKey(let name, .header) = scheme.kind,
                    operation.security?.contains(where: { $0.schemes.contains { $0.scheme == scheme.name } }) ?? false
                else { return nil }
                return name
            }.first
            tryIt = DocsTryIt(
                parameters: parameters,
                body: DocsNull.or(bodyValue.map { JSONWriter.string($0, pretty: true) }.map(ExampleCatalog.bounded)),
                contentType: DocsNull.or(bodyMedia?.name), keyHeader: DocsNull.or(keyHeader))
        }
        return DocsOperation(
            id: operation.id,
            anchor: anchors.anchor(forOperationID: operation.id),
            method: operation.method.rawValue,
            methodClass: operation.method.key,
            path: path,
            summary: DocsNull.or(operation.summary.map { String($0.prefix(1_000)) }),
            descriptionHTML: markdown(operation.description, headingLevel: 4),
            deprecated: operation.deprecated,
            searchText: String(searchText.prefix(400)),
            security: securityLines(operation),
            parameters: parameters,
            requestBody: operation.requestBody.map { body in
                DocsRequestBody(
                    descriptionHTML: markdown(body.description, headingLevel: 5), required: body.required,
                    content: body.content.map { media(for: $0, request: true) })
            } ?? DocsNull(),
            responses: operation.responses.map(response),
            curlHTML: HTMLEscaping.escapeContent(curl.text),
            swiftHTML: HTMLEscaping.escapeContent(swift.text),
            tryIt: tryIt)
    }

    static func withPath(_ operation: Operation, _ path: String) -> Operation {
        guard path != operation.path.raw else { return operation }
        var copy = operation
        copy.path = PathTemplate(path)
        return copy
    }

    func parameter(for parameter: Parameter, value: JSONValue?) -> DocsParameter {
        var typeHTML = ""
        if let schema = parameter.schema, let json = model.document.value(at: schema.address) {
            typeHTML = schemaTrees.label(json, at: schema.address) + schemaTrees.constraints(json)
        } else if let media = parameter.content.first {
            typeHTML = HTMLEscaping.escape(media.name)
            if let schema = media.schema, let json = model.document.value(at: schema.address) {
                typeHTML += " " + schemaTrees.label(json, at: schema.address)
            }
        }
        let style =
            parameter.content.isEmpty
            ? parameter.style.rawValue + (parameter.explode ? ", exploded" : "") : "content"
        return DocsParameter(
            name: parameter.name, location: parameter.location.rawValue, typeHTML: typeHTML,
            required: parameter.required, deprecated: parameter.deprecated,
            descriptionHTML: markdown(parameter.description, headingLevel: 5), style: style,
            example: value.map(CurlSnippet.plain) ?? "")
    }

    func response(_ response: Response) -> DocsResponse {
        let statusClass: String
        switch response.status.description.first {
        case "2": statusClass = "success"
        case "3": statusClass = "redirect"
        case "4": statusClass = "client-error"
        case "5": statusClass = "server-error"
        default: statusClass = "other"
        }
        let headers = response.headers.map { header in
            var typeHTML = ""
            if let schema = header.schema, let json = model.document.value(at: schema.address) {
                typeHTML = schemaTrees.label(json, at: schema.address) + schemaTrees.constraints(json)
            }
            return DocsParameter(
                name: header.name, location: "header", typeHTML: typeHTML, required: header.required,
                deprecated: header.deprecated, descriptionHTML: markdown(header.description, headingLevel: 5),
                style: "simple", example: header.example.map(CurlSnippet.plain) ?? "")
        }
        return DocsResponse(
            status: response.status.description, statusClass: statusClass,
            descriptionHTML: markdown(response.description, headingLevel: 5), headers: headers,
            content: response.content.map { media(for: $0, request: false) })
    }

    func media(for media: MediaType, request: Bool) -> DocsMediaType {
        DocsMediaType(
            name: media.name,
            schemaHTML: media.schema.map { schema in cache.tree(schema.address) { schemaTrees.render(schema.address) } }
                ?? DocsNull(),
            examples: examples.examples(for: media, request: request))
    }
}
