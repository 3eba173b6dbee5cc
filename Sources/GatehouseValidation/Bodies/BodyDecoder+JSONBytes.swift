import GatehouseJSON

extension BodyDecoder {
    /// Where `decode(contentType:body:)` would parse the body as JSON: the index into `content` it selects and the
    /// parser options it would use; nil when it would do anything else (no body, too large, a `Content-Type` that is
    /// missing, not declared, not JSON, or not UTF-8).
    ///
    /// A caller that needs only whether the body is valid can then check its bytes in one pass
    /// (`CompiledSchema.isValid(json:)`), and decode as usual only when they are not.
    func jsonSelection(contentType: String?, body: [UInt8]?) -> (index: Int, options: JSONParser.Options)? {
        guard let body, !body.isEmpty, body.count <= configuration.maxBodyBytes, !content.isEmpty, let contentType,
            case .selected(let index, let actual) = select(contentType), actual.isJSON
        else { return nil }
        if let charset = actual.parameters.first(where: { $0.name == "charset" })?.value.lowercased(),
            charset != "utf-8", charset != "utf8"
        {
            return nil
        }
        return (index, JSONParser.Options(maxDepth: configuration.maxJSONDepth, rejectDuplicateKeys: true))
    }
}
