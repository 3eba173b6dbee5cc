import GatehouseJSON
import GatehouseSpec

/// One operation as the client and server generators see it: its Swift names, typed input and typed output.
struct OperationShape: Sendable {
    var operation: Operation
    /// The namespace under `Operations` (`ListPets`).
    var typeName: String
    /// The client method (`listPets`).
    var methodName: String
    var parameters: [ParameterShape]
    var body: BodyShape?
    var responses: [ResponseShape]
    /// Security alternatives, each the scheme names that must all be sent.
    var security: [[String]]
    /// Inline types declared inside the operation's namespace.
    var nested: [TypeDeclaration]

    var path: String { "Operations.\(typeName)" }
    /// Every media type a response may have, for the `Accept` header.
    var acceptedMediaTypes: [String] {
        var seen: Set<String> = []
        return responses.flatMap { $0.body?.contents.map(\.mediaType) ?? [] }.filter { seen.insert($0).inserted }
    }
}

struct ParameterShape: Sendable {
    var parameter: Parameter
    var swiftName: String
    /// Optional unless the parameter is required.
    var type: TypeRef
    /// Serialized as JSON text (a parameter described by `content`).
    var isJSONContent: Bool
}

/// A request or response body: one typed value, or an enum over several media types.
struct BodyShape: Sendable {
    enum Kind: Sendable {
        case json
        case text
        case form
        case raw
    }

    struct Content: Sendable {
        var mediaType: String
        var kind: Kind
        var type: TypeRef
        /// The enum case when there are several media types.
        var caseName: String
    }

    var contents: [Content]
    var required: Bool
    /// The body's Swift type: the content's own type, or the enum (`…Body`) over several.
    var type: TypeRef
    var isEnum: Bool { contents.count > 1 }
    /// Stored out of line (`Indirect`): a large model (see `OutOfLineStorage`).
    var boxed = false
}

struct ResponseShape: Sendable {
    var status: ResponseStatus
    /// The `Output` case (`ok`, `notFound`, `clientError`, `default`).
    var caseName: String
    /// The struct the case carries (`Output.Ok`).
    var typeName: String
    var body: BodyShape?
    var headers: [HeaderShape]
    var documentation: String
    /// Inline types declared inside the response struct.
    var nested: [TypeDeclaration]

    /// Whether the case carries the status code (ranges and `default`).
    var carriesStatus: Bool {
        if case .code = status { return false }
        return true
    }
}

struct HeaderShape: Sendable {
    var name: String
    var swiftName: String
    /// Optional unless the header is required.
    var type: TypeRef
    var required: Bool
    var explode: Bool
    var documentation: String?
}
