import GatehouseJSON
import GatehouseSpec

/// Builds the typed input and output of each operation, translating its inline schemas with the type translator.
struct OperationTranslator {
    var types: TypeTranslator
    private var operationScope = NameScope()
    private var methodScope = NameScope(reserved: [
        "init", "send", "makeURL", "makeRequest", "authenticate", "hasCredentials",
    ])

    init(types: TypeTranslator) {
        self.types = types
    }

    static let statusNames: [Int: String] = [
        100: "continue", 101: "switchingProtocols", 200: "ok", 201: "created", 202: "accepted",
        203: "nonAuthoritativeInformation", 204: "noContent", 205: "resetContent", 206: "partialContent",
        207: "multiStatus", 300: "multipleChoices", 301: "movedPermanently", 302: "found", 303: "seeOther",
        304: "notModified", 307: "temporaryRedirect", 308: "permanentRedirect", 400: "badRequest",
        401: "unauthorized", 402: "paymentRequired", 403: "forbidden", 404: "notFound", 405: "methodNotAllowed",
        406: "notAcceptable", 408: "requestTimeout", 409: "conflict", 410: "gone", 411: "lengthRequired",
        412: "preconditionFailed", 413: "contentTooLarge", 414: "uriTooLong", 415: "unsupportedMediaType",
        416: "rangeNotSatisfiable", 417: "expectationFailed", 421: "misdirectedRequest",
        422: "unprocessableContent", 423: "locked", 424: "failedDependency", 425: "tooEarly",
        426: "upgradeRequired", 428: "preconditionRequired", 429: "tooManyRequests",
        431: "requestHeaderFieldsTooLarge", 451: "unavailableForLegalReasons", 500: "internalServerError",
        501: "notImplemented", 502: "badGateway", 503: "serviceUnavailable", 504: "gatewayTimeout",
        505: "httpVersionNotSupported", 507: "insufficientStorage", 511: "networkAuthenticationRequired",
    ]

    static let rangeNames = [1: "informational", 2: "success", 3: "redirection", 4: "clientError", 5: "serverError"]

    mutating func translate(_ operation: Operation, model: APIModel) -> OperationShape {
        let typeName = operationScope.claim(SwiftName.upperCamel(operation.id))
        let methodName = methodScope.claim(SwiftName.member(operation.id))
        let namespace = "Operations.\(typeName)"
        var nest = types.nest(inside: namespace, ancestors: ["Operations", typeName])
        // The namespace declares these itself.
        for reserved in ["Input", "Output", "id"] { _ = nest.scope.claim(reserved) }

        var inputNames = NameScope(reserved: ["body"])
        var parameters: [ParameterShape] = []
        let ignoredHeaders: Set<String> = ["accept", "content-type", "authorization"]
        for parameter in operation.parameters {
            if parameter.location == .header && ignoredHeaders.contains(parameter.name.lowercased()) { continue }
            var type: TypeRef
            var isJSON = false
            if let schema = parameter.schema {
                type = types.typeRef(at: schema.address, suggested: SwiftName.upperCamel(parameter.name), in: &nest)
            } else if let content = parameter.content.first, let schema = content.schema {
                type = types.typeRef(at: schema.address, suggested: SwiftName.upperCamel(parameter.name), in: &nest)
                isJSON = true
            } else {
                type = .string
            }
            if !parameter.required { type = type.optional }
            parameters.append(
                ParameterShape(
                    parameter: parameter, swiftName: inputNames.claim(SwiftName.member(parameter.name)), type: type,
                    isJSONContent: isJSON))
        }

        var body: BodyShape?
        if let requestBody = operation.requestBody, !requestBody.content.isEmpty {
            body = bodyShape(requestBody.content, required: requestBody.required, enumName: "Body", in: &nest)
        }

        var responses: [ResponseShape] = []
        var caseNames = NameScope(reserved: ["undocumented"])
        var structNames = NameScope(reserved: types.reservedForNested.union(["Operations", typeName, "Output"]))
        for response in operation.responses.sorted(by: { $0.status < $1.status }) {
            let base: String
            switch response.status {
            case .code(let code): base = Self.statusNames[code] ?? "status\(code)"
            case .range(let range): base = Self.rangeNames[range] ?? "status\(range)XX"
            case .default: base = "default"
            }
            let caseName = caseNames.claim(base)
            let typeBase = SwiftName.upperCamel(caseName)
            let structName = structNames.claim(
                TypeTranslator.reservedTypeNames.contains(typeBase) ? typeBase + "Response" : typeBase)
            let responsePath = "\(namespace).Output.\(structName)"
            var inner = types.nest(inside: responsePath, ancestors: ["Operations", typeName, "Output", structName])
            var headerNames = NameScope(reserved: ["body"])
            var headers: [HeaderShape] = []
            for header in response.headers where header.name.lowercased() != "content-type" {
                var type: TypeRef =
                    header.schema.map {
                        types.typeRef(at: $0.address, suggested: SwiftName.upperCamel(header.name), in: &inner)
                    } ?? .string
                if !header.required { type = type.optional }
                headers.append(
                    HeaderShape(
                        name: header.name, swiftName: headerNames.claim(SwiftName.member(header.name)), type: type,
                        required: header.required, explode: header.explode, documentation: header.description))
            }
            let responseBody =
                response.content.isEmpty
                ? nil : bodyShape(response.content, required: true, enumName: "Body", in: &inner)
            responses.append(
                ResponseShape(
                    status: response.status, caseName: caseName, typeName: structName, body: responseBody,
                    headers: headers, documentation: response.description, nested: inner.declarations))
        }

        let security = (operation.security ?? []).map { requirement in requirement.schemes.map(\.scheme) }
        return OperationShape(
            operation: operation, typeName: typeName, methodName: methodName, parameters: parameters, body: body,
            responses: responses, security: security, nested: nest.declarations)
    }

    static func kind(of mediaType: MediaType) -> BodyShape.Kind {
        guard let name = mediaType.mediaType else { return .raw }
        let type = name.type.lowercased()
        let subtype = name.subtype.lowercased()
        if subtype == "json" || subtype.hasSuffix("+json") { return .json }
        if type == "application" && subtype == "x-www-form-urlencoded" { return .form }
        if type == "text" { return .text }
        return .raw
    }

    mutating func bodyShape(
        _ content: [MediaType], required: Bool, enumName: String, in nest: inout TypeTranslator.Nest
    )
        -> BodyShape
    {
        var caseNames = NameScope()
        var contents: [BodyShape.Content] = []
        if content.count > 1 { _ = nest.scope.claim(enumName) }
        for mediaType in content {
            let kind = Self.kind(of: mediaType)
            let type: TypeRef
            switch kind {
            case .json, .form:
                let suggested =
                    content.count > 1 ? enumName + SwiftName.upperCamel(Self.caseBase(mediaType.name)) : enumName
                type = mediaType.schema.map { types.typeRef(at: $0.address, suggested: suggested, in: &nest) } ?? .json
            case .text:
                type = .string
            case .raw:
                type = .data
            }
            contents.append(
                BodyShape.Content(
                    mediaType: mediaType.name, kind: kind, type: type,
                    caseName: caseNames.claim(SwiftName.member(Self.caseBase(mediaType.name)))))
        }
        let type: TypeRef = contents.count > 1 ? .named(nest.path + "." + enumName) : contents[0].type
        return BodyShape(contents: contents, required: required, type: type)
    }

    /// `application/json` → `json`, `application/merge-patch+json` → `mergePatchJSON`, `text/plain` → `plainText`.
    static func caseBase(_ mediaType: String) -> String {
        let essence = mediaType.split(separator: ";").first.map(String.init) ?? mediaType
        let parts = essence.lowercased().split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return essence }
        var subtype = parts[1]
        var suffix = ""
        if let plus = subtype.lastIndex(of: "+") {
            suffix = String(subtype[subtype.index(after: plus)...]).uppercased()
            subtype = String(subtype[..<plus])
        }
        if subtype == "json" || subtype == "xml" { return subtype.uppercased() }
        if parts[0] == "text" { return subtype + " text" + suffix }
        if subtype == "*" { return parts[0] == "*" ? "any" : parts[0] }
        return subtype + " " + suffix
    }
}
