import GatehouseJSON
import GatehouseSpec

extension ParameterDecoder {
    /// One parameter (or form field) with what decoding it needs, worked out once when the decoder is built.
    struct Plan: Sendable {
        var name: String
        /// Where the value comes from; form body fields decode as query parameters do.
        var source: ParameterLocation
        var style: ParameterStyle
        var explode: Bool
        var allowReserved: Bool
        var required: Bool
        var shape: SchemaShape
        /// The media type of a value described by `content` (or, in a form body, by `encoding.contentType`).
        var contentType: MediaTypeName?
        /// `query.limit`: where issues are reported.
        var location: String
        /// `query parameter 'limit'`: how messages name it.
        var label: String

        init(_ parameter: Parameter, document: SpecDocument) {
            let content = parameter.content.first
            let place = parameter.location == .header ? "header" : "\(parameter.location.rawValue) parameter"
            self.name = parameter.name
            self.source = parameter.location
            self.style = parameter.style
            self.explode = parameter.explode
            self.allowReserved = parameter.allowReserved
            self.required = parameter.required || parameter.location == .path
            self.shape = SchemaShape(parameter.schema ?? content?.schema, in: document)
            self.contentType =
                parameter.schema == nil ? content.map { $0.mediaType ?? MediaTypeName("text/plain")! } : nil
            self.location = "\(parameter.location.rawValue).\(parameter.name)"
            self.label = "\(place) '\(parameter.name)'"
        }

        init(header: Header, document: SpecDocument) {
            let content = header.content.first
            self.name = header.name
            self.source = .header
            // Response headers are always `simple` (the Header Object has no `style` to choose).
            self.style = .simple
            self.explode = header.explode
            self.allowReserved = false
            self.required = header.required
            self.shape = SchemaShape(header.schema ?? content?.schema, in: document)
            self.contentType =
                header.schema == nil ? content.map { $0.mediaType ?? MediaTypeName("text/plain")! } : nil
            self.location = "header.\(header.name)"
            self.label = "header '\(header.name)'"
        }

        init(
            field name: String, style: ParameterStyle, explode: Bool, allowReserved: Bool, shape: SchemaShape,
            contentType: MediaTypeName?, location: String
        ) {
            self.name = name
            self.source = .query
            self.style = style
            self.explode = explode
            self.allowReserved = allowReserved
            self.required = false
            self.shape = shape
            self.contentType = contentType
            self.location = location
            self.label = "form field '\(name)'"
        }

        var identity: ParameterIdentity { ParameterIdentity(name: name, location: source) }

        func issue(_ keyword: String, _ message: String) -> ValidationIssue {
            ValidationIssue(location: location, keyword: keyword, message: message)
        }
    }
}
