import GatehouseJSON
import GatehouseSpec

/// Renders how the client calls an operation: in the operation's namespace, `makeRequest(_:client:)` builds the
/// request from the input and `output(from:)` decodes the response by status, both synchronous; the `Client`
/// method sends one and returns the other.
///
/// Why not one `async` method that does it all: the compiler splits an `async` function into a piece per suspension
/// point and compiles each, so a contract's thousand operations cost noticeably more to build (bench/README.md).
struct ClientMethodRenderer {
    let access: String

    /// The `Client` method of the operation: one line that sends `makeRequest` and returns `output(from:)`.
    func render(_ shape: OperationShape, into writer: inout SwiftWriter) {
        let operation = shape.operation
        let namespace = "Operations.\(shape.typeName)"
        let allOptional = shape.parameters.allSatisfy(\.type.isOptional) && shape.body?.required != true
        writer.block("extension Client") { writer in
            writer.documentation(
                [operation.summary, operation.description].compactMap { $0 }.joined(separator: "\n\n").nilIfEmpty
                    ?? operation.id)
            writer.line("///")
            writer.line(
                "/// `\(operation.method.rawValue) \(operation.path.raw.replacingOccurrences(of: "`", with: "'"))`")
            if operation.deprecated { writer.line("@available(*, deprecated)") }
            let argument = "_ input: \(namespace).Input\(allOptional ? " = .init()" : "")"
            writer.block(
                "\(access)func \(SwiftName.escaped(shape.methodName))(\(argument)) async throws -> \(namespace).Output"
            ) { writer in
                writer.line("let request = try \(namespace).makeRequest(input, client: self)")
                writer.line("return try \(namespace).output(from: await send(request, operationId: \(namespace).id))")
            }
        }
    }

    /// The operation namespace's `makeRequest(_:client:)` and `output(from:)`.
    func renderCoding(_ shape: OperationShape, into writer: inout SwiftWriter) {
        writer.line("/// The request of a call with `input`, to `client`'s server and with its credentials.")
        writer.block("static func makeRequest(_ input: Input, client: Client) throws -> HTTPRequest") { writer in
            renderPath(shape, into: &writer)
            renderParameters(shape, into: &writer)
            renderBody(shape, into: &writer)
            let alternatives = shape.security.map { "[" + $0.map(SwiftName.literal).joined(separator: ", ") + "]" }
            writer.line("return try client.makeRequest(request, security: [\(alternatives.joined(separator: ", "))])")
        }
        writer.line()
        writer.line("/// The typed output of `response`, by its status.")
        writer.block("static func output(from response: HTTPResponse) throws -> Output") { writer in
            if shape.responses.contains(where: needsReader) {
                writer.line("let reader = ResponseReader(response, operationId: id)")
            }
            renderResponses(shape, into: &writer)
        }
    }

    /// `var request = RequestBuilder(…)` with the path's leading literal, then each variable and literal in turn.
    func renderPath(_ shape: OperationShape, into writer: inout SwiftWriter) {
        let method = SwiftName.literal(shape.operation.method.rawValue)
        var literal = ""
        var steps: [String] = []
        var start: String?
        func flush() {
            if start == nil {
                start = literal
            } else if !literal.isEmpty {
                steps.append("request.path += \(SwiftName.literal(literal))")
            }
            literal = ""
        }
        for (index, segment) in shape.operation.path.segments.enumerated() {
            literal += index == 0 && shape.operation.path.raw.hasPrefix("/") || index > 0 ? "/" : ""
            for part in segment {
                switch part {
                case .literal(let text):
                    literal += text
                case .parameter(let name):
                    guard
                        let parameter = shape.parameters.first(where: {
                            $0.parameter.location == .path && $0.parameter.name == name
                        })
                    else { continue }
                    flush()
                    steps.append(
                        "try request.appendPath(\(SwiftName.literal(name)), input.\(parameter.swiftName), style: .\(parameter.parameter.style.rawValue), explode: \(parameter.parameter.explode))"
                    )
                }
            }
        }
        flush()
        // Without a variable, a parameter, an `Accept` header or a body, nothing changes the request after this line.
        let changed =
            !steps.isEmpty || shape.body != nil || !shape.acceptedMediaTypes.isEmpty
            || shape.parameters.contains { $0.parameter.location != .path }
        writer.line(
            "\(changed ? "var" : "let") request = RequestBuilder(id, method: \(method), path: \(SwiftName.literal(start ?? "")))"
        )
        for step in steps { writer.line(step) }
    }

    func renderParameters(_ shape: OperationShape, into writer: inout SwiftWriter) {
        for parameter in shape.parameters where parameter.parameter.location != .path {
            let name = SwiftName.literal(parameter.parameter.name)
            let value = "input.\(parameter.swiftName)"
            let explode = "explode: \(parameter.parameter.explode)"
            let json = parameter.isJSONContent ? ", json: true" : ""
            switch parameter.parameter.location {
            case .query:
                let style = "style: .\(parameter.parameter.style.rawValue)"
                let reserved = parameter.parameter.allowReserved ? ", allowReserved: true" : ""
                writer.line("try request.appendQuery(\(name), \(value), \(style), \(explode)\(reserved)\(json))")
            case .header:
                writer.line("try request.appendHeader(\(name), \(value), \(explode)\(json))")
            case .cookie:
                writer.line("try request.appendCookie(\(name), \(value), \(explode)\(json))")
            case .path:
                break
            }
        }
        let accepted = shape.acceptedMediaTypes
        if !accepted.isEmpty {
            writer.line("request.accept = \(SwiftName.literal(accepted.joined(separator: ", ")))")
        }
    }

    func renderBody(_ shape: OperationShape, into writer: inout SwiftWriter) {
        guard let body = shape.body else { return }
        if body.isEnum {
            writer.line("switch input.body {")
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
        let contentType = SwiftName.literal(
            content.mediaType.contains("*") ? "application/octet-stream" : content.mediaType)
        switch content.kind {
        case .json:
            writer.line("try request.setJSONBody(\(value), contentType: \(contentType))")
        case .form:
            writer.line("try request.setFormBody(\(value), contentType: \(contentType))")
        case .text:
            writer.line("request.setBody(Data(\(value).utf8), contentType: \(contentType))")
        case .raw:
            writer.line("request.setBody(\(value), contentType: \(contentType))")
        }
    }

    /// Whether decoding `response` reads its body (other than as raw bytes) or headers.
    func needsReader(_ response: ResponseShape) -> Bool {
        guard response.headers.isEmpty else { return true }
        guard let body = response.body else { return false }
        return body.isEnum || body.contents.contains { $0.kind != .raw }
    }

    func renderResponses(_ shape: OperationShape, into writer: inout SwiftWriter) {
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
                let value = "Output.\(response.typeName)"
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
            writer.line("\(keyword) reader.hasMediaType(\(SwiftName.literal(content.mediaType))) {")
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
            return "try reader.json(\(content.type.swift).self)"
        case .text:
            return "reader.text"
        case .raw:
            return "response.body"
        }
    }

    func headerExpression(_ header: HeaderShape) -> String {
        let name = SwiftName.literal(header.name)
        let read: String
        if case .array(let element) = header.type.unwrapped {
            read = "try reader.headerArray(\(element.swift).self, \(name))"
        } else {
            read = "try reader.header(\(header.type.unwrapped.swift).self, \(name))"
        }
        guard header.required, !header.type.isOptional else { return read }
        return "try reader.required(\(read), header: \(name))"
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
