/// Media type keys of `content` maps and `contentType` values of encodings must be well-formed RFC 9110 media types
/// (or ranges such as `text/*`).
struct MediaTypeRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen = Set<NodeAddress>()
        func visit(_ content: [MediaType]) {
            for mediaType in content where seen.insert(mediaType.address).inserted {
                if mediaType.mediaType == nil {
                    diagnostics.append(
                        Diagnostic(
                            .mediaType,
                            "malformed media type '\(mediaType.name)'; expected 'type/subtype' with optional '; name=value' parameters",
                            at: model.document.location(of: mediaType.address, key: true),
                            pointer: mediaType.address.pointer
                        )
                    )
                }
                for encoding in mediaType.encoding {
                    guard let contentType = encoding.value["contentType"]?.stringValue else { continue }
                    for item in contentType.split(separator: ",") where MediaTypeName(String(item)) == nil {
                        let address = mediaType.address.appending("encoding").appending(encoding.key).appending(
                            "contentType")
                        diagnostics.append(
                            Diagnostic(
                                .mediaType,
                                "malformed media type '\(item.trimmingWhitespace())' in 'contentType' of encoding '\(encoding.key)'",
                                at: model.document.location(of: address),
                                pointer: address.pointer
                            )
                        )
                    }
                }
            }
        }
        for operation in model.operations + model.webhooks {
            visit(operation.requestBody?.content ?? [])
            for parameter in operation.parameters { visit(parameter.content) }
            for response in operation.responses {
                visit(response.content)
                for header in response.headers { visit(header.content) }
            }
        }
        return diagnostics
    }
}
