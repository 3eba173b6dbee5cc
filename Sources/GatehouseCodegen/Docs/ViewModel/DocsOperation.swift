import Mustache

/// One operation as the template sees it (see `DocsPage` for the conventions).
struct DocsOperation: MustacheParent {
    var id: String
    var anchor: String
    /// `GET`, `POST`, …
    var method: String
    /// Lowercase, for CSS classes: `get`, `post`, ….
    var methodClass: String
    var path: String
    var summary: Any
    var descriptionHTML: Any
    var deprecated: Bool
    /// Lowercase method, path, summary and id, for the search box.
    var searchText: String
    /// One line per alternative, e.g. `apiKey` or `apiKey + oauth (read:todos)`; "None" for anonymous access.
    var security: [String]
    var parameters: [DocsParameter]
    var requestBody: Any
    var responses: [DocsResponse]
    /// The curl command, escaped for element content.
    var curlHTML: String
    /// The Swift client call, escaped for element content.
    var swiftHTML: String
    var tryIt: Any

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "anchor": anchor
        case "method": method
        case "methodClass": methodClass
        case "path": path
        case "summary": summary
        case "descriptionHTML": descriptionHTML
        case "deprecated": deprecated
        case "searchText": searchText
        case "security": security
        case "hasSecurity": !security.isEmpty
        case "parameters": parameters
        case "hasParameters": !parameters.isEmpty
        case "requestBody": requestBody
        case "responses": responses
        case "curlHTML": curlHTML
        case "swiftHTML": swiftHTML
        case "tryIt": tryIt
        default: nil
        }
    }
}

/// A row of the parameters table.
struct DocsParameter: MustacheParent {
    var name: String
    var location: String
    /// The type label, with links to component schemas.
    var typeHTML: String
    var required: Bool
    var deprecated: Bool
    var descriptionHTML: Any
    /// `form, exploded`, `simple`, ….
    var style: String
    /// An example value for the try-it form.
    var example: String

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "in": location
        case "typeHTML": typeHTML
        case "required": required
        case "deprecated": deprecated
        case "descriptionHTML": descriptionHTML
        case "style": style
        case "example": example
        default: nil
        }
    }
}

/// A request body.
struct DocsRequestBody: MustacheParent {
    var descriptionHTML: Any
    var required: Bool
    var content: [DocsMediaType]

    func child(named name: String) -> Any? {
        switch name {
        case "descriptionHTML": descriptionHTML
        case "required": required
        case "content": content
        default: nil
        }
    }
}

/// A response for one status.
struct DocsResponse: MustacheParent {
    var status: String
    /// `success`, `redirect`, `client-error`, `server-error` or `other`, for colouring.
    var statusClass: String
    var descriptionHTML: Any
    var headers: [DocsParameter]
    var content: [DocsMediaType]

    func child(named name: String) -> Any? {
        switch name {
        case "status": status
        case "statusClass": statusClass
        case "descriptionHTML": descriptionHTML
        case "headers": headers
        case "hasHeaders": !headers.isEmpty
        case "content": content
        case "hasContent": !content.isEmpty
        default: nil
        }
    }
}

/// One media type of a body: its schema tree and examples.
struct DocsMediaType: MustacheParent {
    var name: String
    var schemaHTML: Any
    var examples: [DocsExample]

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "schemaHTML": schemaHTML
        case "examples": examples
        case "hasExamples": !examples.isEmpty
        default: nil
        }
    }
}

/// An example, pretty-printed; `synthesized` when Gatehouse made it from the schema because the spec has none.
struct DocsExample: MustacheParent {
    var name: String
    var summary: Any
    /// The example, pretty-printed and escaped for element content.
    var textHTML: String
    var synthesized: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "summary": summary
        case "textHTML": textHTML
        case "synthesized": synthesized
        default: nil
        }
    }
}

/// What the try-it form of an operation needs (present only with `--try-it URL`).
struct DocsTryIt: MustacheParent {
    var parameters: [DocsParameter]
    /// The body to start from, when the operation takes one.
    var body: Any
    var contentType: Any
    /// Header name for an API key, when the operation accepts one in a header.
    var keyHeader: Any

    func child(named name: String) -> Any? {
        switch name {
        case "parameters": parameters
        case "body": body
        case "contentType": contentType
        case "keyHeader": keyHeader
        default: nil
        }
    }
}
