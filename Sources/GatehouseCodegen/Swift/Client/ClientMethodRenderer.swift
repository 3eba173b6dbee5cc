import GatehouseSpec

/// Renders the `Client` method of an operation: serialize the input, send, decode the output by status.
struct ClientMethodRenderer {
    let access: String

    func render(_ shape: OperationShape, into writer: inout SwiftWriter) {
        let operation = shape.operation
        let input = "Operations.\(shape.typeName).Input"
        let output = "Operations.\(shape.typeName).Output"
        let allOptional = shape.parameters.allSatisfy(\.type.isOptional) && shape.body?.required != true
        writer.block("extension Client") { writer in
            writer.documentation(
                [operation.summary, operation.description].compactMap { $0 }.joined(separator: "\n\n").nilIfEmpty
                    ?? operation.id)
            writer.line("///")
            writer.line(
                "/// `\(operation.method.rawValue) \(operation.path.raw.replacingOccurrences(of: "`", with: "'"))`")
            if operation.deprecated { writer.line("@available(*, deprecated)") }
            let argument = "_ input: \(input)\(allOptional ? " = .init()" : "")"
            writer.block("\(access)func \(SwiftName.escaped(shape.methodName))(\(argument)) async throws -> \(output)")
            {
                writer in
                writer.line("let operationId = Operations.\(shape.typeName).id")
                renderPath(shape, into: &writer)
                renderParameters(shape, into: &writer)
                renderBody(shape, into: &writer)
                writer.line("let url = try makeURL(path: path, query: query, operationId: operationId)")
                writer.line(
                    "let request = HTTPRequest(method: \(SwiftName.literal(operation.method.rawValue)), url: url, headerFields: headerFields, body: body)"
                )
                writer.line("let response = try await send(request, operationId: operationId)")
                renderResponses(shape, output: output, into: &writer)
            }
        }
    }

    func renderPath(_ shape: OperationShape, into writer: inout SwiftWriter) {
        var literal = ""
        var pieces: [String] = []
        for (index, segment) in shape.operation.path.segments.enumerated() {
            literal += index == 0 && shape.operation.path.raw.hasPrefix("/") || index > 0 ? "/" : ""
            for part in segment {
                switch part {
                case .literal(let text):
                    literal += text
                case .parameter(let name):
                    if !literal.isEmpty { pieces.append("path += \(SwiftName.literal(literal))") }
                    literal = ""
                    guard
                        let parameter = shape.parameters.first(where: {
                            $0.parameter.location == .path && $0.parameter.name == name
                        })
                    else { continue }
                    pieces.append(
                        "path += try parameter(\(SwiftName.literal(name)), operationId: operationId) { try ParameterCoding.path(input.\(parameter.swiftName), name: \(SwiftName.literal(name)), style: .\(parameter.parameter.style.rawValue), explode: \(parameter.parameter.explode)) }"
                    )
                }
            }
        }
        if !literal.isEmpty { pieces.append("path += \(SwiftName.literal(literal))") }
        // The first piece starts the path: a constant path is a `let`.
        guard let first = pieces.first else {
            writer.line("let path = \"\"")
            return
        }
        let start = first.replacingOccurrences(of: "path += ", with: "")
        writer.line(pieces.count == 1 ? "let path = \(start)" : "var path = \(start)")
        for piece in pieces.dropFirst() { writer.line(piece) }
    }

    func renderParameters(_ shape: OperationShape, into writer: inout SwiftWriter) {
        writer.line("var query = QueryItems()")
        writer.line("var headerFields: [HTTPHeaderField] = []")
        writer.line("var cookies: [String] = []")
        for parameter in shape.parameters where parameter.parameter.location != .path {
            let name = SwiftName.literal(parameter.parameter.name)
            let value =
                parameter.isJSONContent
                ? "try ParameterCoding.jsonText(input.\(parameter.swiftName))" : "input.\(parameter.swiftName)"
            let style = ".\(parameter.parameter.style.rawValue)"
            let explode = "\(parameter.parameter.explode)"
            switch parameter.parameter.location {
            case .query:
                writer.line(
                    "try parameter(\(name), operationId: operationId) { try query.append(\(value), name: \(name), style: \(style), explode: \(explode)\(parameter.parameter.allowReserved ? ", allowReserved: true" : "")) }"
                )
            case .header:
                writer.line(
                    "if let value = try parameter(\(name), operationId: operationId, { try ParameterCoding.header(\(value), explode: \(explode)) }) {"
                )
                writer.indent { $0.line("headerFields.append(HTTPHeaderField(name: \(name), value: value))") }
                writer.line("}")
            case .cookie:
                writer.line(
                    "if let value = try parameter(\(name), operationId: operationId, { try ParameterCoding.cookie(\(value), name: \(name), explode: \(explode)) }) {"
                )
                writer.indent { $0.line("cookies.append(value)") }
                writer.line("}")
            case .path:
                break
            }
        }
        let alternatives = shape.security.map { "[" + $0.map(SwiftName.literal).joined(separator: ", ") + "]" }
        writer.line(
            "authenticate([\(alternatives.joined(separator: ", "))], headerFields: &headerFields, query: &query, cookies: &cookies)"
        )
        writer.block("if !cookies.isEmpty") { writer in
            writer.line(
                "headerFields.append(HTTPHeaderField(name: \"Cookie\", value: cookies.joined(separator: \"; \")))")
        }
        let accepted = shape.acceptedMediaTypes
        if !accepted.isEmpty {
            writer.line(
                "headerFields.append(HTTPHeaderField(name: \"Accept\", value: \(SwiftName.literal(accepted.joined(separator: ", ")))))"
            )
        }
    }

    func renderBody(_ shape: OperationShape, into writer: inout SwiftWriter) {
        guard let body = shape.body else {
            writer.line("let body: Data? = nil")
            return
        }
        writer.line("var body: Data?")
        if body.isEnum {
            let subject = body.required ? "input.body" : "input.body"
            writer.line(body.required ? "switch \(subject) {" : "switch \(subject) {")
            for content in body.contents {
                writer.line(
                    "case .\(SwiftName.escaped(content.caseName))(let value)\(body.required ? "" : "?"):")
                writer.indent { writer in
                    renderEncode(content, value: "value", into: &writer)
                }
            }
            if !body.required {
                writer.line("case nil:")
                writer.indent { $0.line("break") }
            }
            writer.line("}")
        } else if body.required {
            renderEncode(body.contents[0], value: "input.body", into: &writer)
        } else {
            writer.block("if let value = input.body") { writer in
                renderEncode(body.contents[0], value: "value", into: &writer)
            }
        }
    }

    func renderEncode(_ content: BodyShape.Content, value: String, into writer: inout SwiftWriter) {
        let contentType = content.mediaType.contains("*") ? "application/octet-stream" : content.mediaType
        switch content.kind {
        case .json:
            writer.line("body = try encodeJSON(\(value), operationId: operationId)")
        case .form:
            writer.line("body = try encodeForm(\(value), operationId: operationId)")
        case .text:
            writer.line("body = Data(\(value).utf8)")
        case .raw:
            writer.line("body = \(value)")
        }
        writer.line(
            "headerFields.append(HTTPHeaderField(name: \"Content-Type\", value: \(SwiftName.literal(contentType))))")
    }

    func renderResponses(_ shape: OperationShape, output: String, into writer: inout SwiftWriter) {
        writer.line("switch response.statusCode {")
        var hasDefault = false
        for response in shape.responses {
            switch response.status {
            case .code(let code): writer.line("case \(code):")
            case .range(let range): writer.line("case \(range * 100)...\(range * 100 + 99):")
            case .default:
                hasDefault = true
                writer.line("default:")
            }
            writer.indent { writer in
                let value = "\(output).\(response.typeName)"
                var arguments: [String] = []
                if let body = response.body {
                    if body.isEnum {
                        renderEnumDecoding(body, path: "\(value).Body", into: &writer)
                        arguments.append("body: responseBody")
                    } else {
                        arguments.append("body: " + decodeContent(body.contents[0]))
                    }
                }
                for header in response.headers {
                    arguments.append("\(SwiftName.escaped(header.swiftName)): " + headerExpression(header))
                }
                let name = SwiftName.escaped(response.caseName)
                let status = response.carriesStatus ? "statusCode: response.statusCode, " : ""
                if arguments.count <= 1 {
                    writer.line("return .\(name)(\(status)\(value)(\(arguments.joined())))")
                } else {
                    writer.line("return .\(name)(")
                    writer.indent { writer in
                        writer.line("\(status)\(value)(")
                        writer.indent { writer in
                            for (index, argument) in arguments.enumerated() {
                                writer.line(argument + (index == arguments.count - 1 ? "" : ","))
                            }
                        }
                        writer.line(")")
                    }
                    writer.line(")")
                }
            }
        }
        if !hasDefault {
            writer.line("default:")
            writer.indent { $0.line("return .undocumented(statusCode: response.statusCode, body: response.body)") }
        }
        writer.line("}")
    }

    /// Several media types: the response's Content-Type picks the case; the first one when it names none.
    func renderEnumDecoding(_ body: BodyShape, path: String, into writer: inout SwiftWriter) {
        writer.line("let responseBody: \(path)")
        for (index, content) in body.contents.enumerated().dropFirst() {
            let keyword = index == 1 ? "if" : "} else if"
            writer.line("\(keyword) mediaTypeMatches(response, \(SwiftName.literal(content.mediaType))) {")
            writer.indent {
                $0.line("responseBody = .\(SwiftName.escaped(content.caseName))(\(decodeContent(content)))")
            }
        }
        writer.line("} else {")
        let first = body.contents[0]
        writer.indent { $0.line("responseBody = .\(SwiftName.escaped(first.caseName))(\(decodeContent(first)))") }
        writer.line("}")
    }

    func decodeContent(_ content: BodyShape.Content) -> String {
        switch content.kind {
        case .json, .form:
            return "try decodeJSON(\(content.type.swift).self, from: response, operationId: operationId)"
        case .text:
            return "decodeText(from: response)"
        case .raw:
            return "response.body"
        }
    }

    func headerExpression(_ header: HeaderShape) -> String {
        let name = SwiftName.literal(header.name)
        let read: String
        if case .array(let element) = header.type.unwrapped {
            read = "try decodeHeaderArray(\(element.swift).self, \(name), from: response, operationId: operationId)"
        } else {
            read =
                "try decodeHeader(\(header.type.unwrapped.swift).self, \(name), from: response, operationId: operationId)"
        }
        guard header.required, !header.type.isOptional else { return read }
        return "try requiredHeader(\(read), \(name), from: response, operationId: operationId)"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
