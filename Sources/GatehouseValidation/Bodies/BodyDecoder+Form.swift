import GatehouseJSON
import GatehouseSpec

extension BodyDecoder {
    /// `application/x-www-form-urlencoded`: fields decode as query parameters do, each with the style, `explode`,
    /// `allowReserved` or `contentType` of its `encoding` entry. Undeclared fields are kept as strings, so
    /// `additionalProperties` can still judge them.
    func decodeForm(_ body: [UInt8], declared: MediaType, shape: SchemaShape) -> Decoded {
        guard let text = String(validating: body, as: UTF8.self) else {
            return Decoded(
                issues: [
                    issue(
                        "encoding",
                        "expected a form body of percent-encoded name=value pairs, found bytes that are not UTF-8")
                ])
        }
        let pairs = FormPairs(query: Substring(text), location: configuration.location)
        var issues = pairs.issues
        let fields = shape.properties.map { fieldPlan($0.name, shape: $0.shape, encoding: declared.encoding) }
        let fieldDecoder = ParameterDecoder(
            fields: fields, configuration: .init(maxJSONDepth: configuration.maxJSONDepth))
        var object = JSONObject()
        var claimed: Set<String> = []
        for plan in fields {
            if let value = fieldDecoder.decodeForm(plan, pairs: pairs, claimed: &claimed, issues: &issues) {
                object[plan.name] = value
            }
        }
        for pair in pairs.pairs where !claimed.contains(pair.name) && object[pair.name] == nil {
            let plan = fieldPlan(pair.name, shape: shape.member(pair.name), encoding: declared.encoding)
            let raws = pairs.values(named: pair.name)
            guard let texts = fieldDecoder.texts(raws, plan, .plusAndPercent, &issues) else { continue }
            object[pair.name] = texts.count == 1 ? plan.shape.coerce(texts[0]) : .array(texts.map(plan.shape.coerce))
        }
        return Decoded(value: .object(object), issues: issues)
    }

    /// How the form field `name` is decoded. An `encoding` entry with `style`, `explode` or `allowReserved` selects
    /// style decoding; one with only `contentType` decodes the value as that media type; without an entry, objects
    /// are JSON (OpenAPI 3.1.0's default `contentType` for objects) and everything else is `form`, exploded.
    private func fieldPlan(_ name: String, shape: SchemaShape, encoding: JSONObject) -> ParameterDecoder.Plan {
        let entry = encoding[name]?.objectValue
        let styled = entry?["style"] != nil || entry?["explode"] != nil || entry?["allowReserved"] != nil
        let style = entry?["style"]?.stringValue.flatMap(ParameterStyle.init(rawValue:)) ?? .form
        var contentType: MediaTypeName?
        if !styled {
            if let declared = entry?["contentType"]?.stringValue {
                contentType = MediaTypeName(declared.split(separator: ",").first.map(String.init) ?? declared)
            } else if entry == nil && shape.kind == .object {
                contentType = MediaTypeName("application/json")
            }
        }
        return ParameterDecoder.Plan(
            field: name,
            style: style,
            explode: entry?["explode"]?.boolValue ?? (style == .form),
            allowReserved: entry?["allowReserved"]?.boolValue ?? false,
            shape: shape,
            contentType: contentType,
            location: "\(configuration.location)/\(JSONPointer.escape(name))"
        )
    }

    /// `multipart/form-data`: one property per part name (repeated names make arrays), each part decoded by its own
    /// `Content-Type` (JSON parsed, text typed by the schema, files and other binary content kept as bytes), and
    /// checked against the `contentType` its `encoding` entry allows.
    func decodeMultipart(_ body: [UInt8], mediaType: MediaTypeName, declared: MediaType, shape: SchemaShape) -> Decoded
    {
        guard let boundary = mediaType.parameters.first(where: { $0.name == "boundary" })?.value else {
            return Decoded(
                issues: [
                    issue("multipart", "expected a boundary parameter in the Content-Type '\(mediaType)', found none")
                ])
        }
        guard let parser = MultipartParser(boundary: boundary, maxParts: configuration.maxMultipartParts) else {
            return Decoded(
                issues: [
                    issue(
                        "multipart",
                        "expected a boundary of 1 to 70 characters, found \(boundary.utf8.count) characters")
                ])
        }
        let parts: [MultipartParser.Part]
        switch parser.parse(body) {
        case .success(let parsed): parts = parsed
        case .failure(let failure): return Decoded(issues: [issue("multipart", failure.message)])
        }
        var names: [String] = []
        for part in parts where !names.contains(part.name) { names.append(part.name) }
        var object = JSONObject()
        var issues: [ValidationIssue] = []
        for name in names {
            let member = shape.member(name)
            let suffix = "/\(JSONPointer.escape(name))"
            let named = parts.filter { $0.name == name }
            let partShape = member.kind == .array ? member.itemShape : member
            let entry = declared.encoding[name]?.objectValue
            var values: [JSONValue] = []
            for part in named {
                let decoded = decodePart(
                    part, shape: partShape, allowed: entry?["contentType"]?.stringValue, at: suffix)
                issues += decoded.issues
                if let value = decoded.value { values.append(value) }
            }
            if member.kind == .array {
                object[name] = .array(values)
            } else if named.count > 1 {
                issues.append(issue("multipart", "expected one part named '\(name)', found \(named.count)", at: suffix))
            } else if let value = values.first {
                object[name] = value
            }
        }
        return Decoded(value: .object(object), issues: issues)
    }

    private func decodePart(_ part: MultipartParser.Part, shape: SchemaShape, allowed: String?, at suffix: String)
        -> Decoded
    {
        let declaredType = part.header("Content-Type")
        let partType = declaredType.flatMap(MediaTypeName.init)
        if let declaredType, partType == nil {
            return Decoded(
                issues: [
                    issue(
                        "content-type",
                        "expected a media type for part '\(part.name)', found Content-Type '\(declaredType)'",
                        at: suffix)
                ])
        }
        if let allowed {
            // RFC 7578: a part without a Content-Type is text/plain.
            let effective = partType ?? MediaTypeName("text/plain")!
            let ranges = allowed.split(separator: ",").compactMap { MediaTypeName(String($0)) }
            if !ranges.contains(where: { Self.specificity(of: $0, for: effective) != nil }) {
                return Decoded(
                    issues: [
                        issue(
                            "content-type",
                            "expected Content-Type '\(allowed)' for part '\(part.name)', found '\(effective.essence)'",
                            at: suffix)
                    ])
            }
        }
        if let partType, partType.isJSON {
            return decodeJSON(Array(part.body), mediaType: partType, at: suffix)
        }
        if partType == nil && part.filename == nil && (shape.kind == .object || shape.kind == .array) {
            // Objects and arrays default to application/json (OpenAPI 3.1.0, Encoding Object `contentType`).
            return decodeJSON(Array(part.body), mediaType: MediaTypeName("application/json")!, at: suffix)
        }
        let isText = partType.map { $0.type == "text" } ?? (part.filename == nil)
        if !isText || shape.isBinary || shape.format == "byte" || shape.contentEncoding != nil {
            return Decoded(value: binaryValue(part.body, shape: shape))
        }
        var decoded = decodeText(part.body, mediaType: partType, at: suffix)
        if case .string(let text)? = decoded.value { decoded.value = shape.coerce(text) }
        return decoded
    }
}
