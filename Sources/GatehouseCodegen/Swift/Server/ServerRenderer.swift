import GatehouseJSON

/// Renders the server stubs: the `…APIProtocol` with a default for every operation that falls back to the mock
/// engine, `makeHandlers()` for `GatehouseRuntime`, and per operation the decoding of the typed input from a
/// validated request and the encoding of the typed output.
struct ServerRenderer {
    let access: String
    /// The client module the models and operation types come from; server code qualifies every name with it, so
    /// a schema named like a runtime type (`Gateway`) cannot be ambiguous.
    let clientModule: String
    let protocolName: String

    func qualified(_ type: TypeRef) -> String {
        switch type {
        case .named(let path): return "\(clientModule).\(path)"
        case .builtin(let name): return ["JSONValue", "CalendarDate"].contains(name) ? "\(clientModule).\(name)" : name
        case .array(let element): return "[\(qualified(element))]"
        case .dictionary(let value): return "[String: \(qualified(value))]"
        case .optional(let wrapped): return qualified(wrapped) + "?"
        case .nullable(let wrapped): return "\(clientModule).Nullable<\(qualified(wrapped))>"
        }
    }

    func renderProtocol(_ shapes: [OperationShape], title: String, into writer: inout SwiftWriter) {
        writer.line("import GatehouseRuntime")
        writer.line("import \(clientModule)")
        writer.line()
        writer.documentation("The operations of '\(title)', to implement on the server.")
        writer.line("///")
        writer.line(
            "/// Every method has a default that throws `MockFallback`, so the gateway answers that operation from its mock"
        )
        writer.line(
            "/// engine: implement the operations one at a time. Implement the `context:` form of a method to see the")
        writer.line(
            "/// caller (`context.principal`), the request id and the gateway's table store. Serve an implementation with"
        )
        writer.line("/// `Gateway.serve(specPath:handlers: implementation.makeHandlers(), options:)` (GatehouseServe).")
        writer.block("\(access)protocol \(protocolName): Sendable") { writer in
            for (index, shape) in shapes.enumerated() {
                if index > 0 { writer.line() }
                writer.documentation(shape.operation.summary ?? shape.operation.id)
                writer.line("///")
                writer.line(
                    "/// `\(shape.operation.method.rawValue) \(shape.operation.path.raw.replacingOccurrences(of: "`", with: "'"))`"
                )
                writer.line("func \(signature(shape))")
                writer.line()
                writer.documentation(
                    "`\(shape.methodName)(_:)` with the caller, the request id and the gateway's store; implement this form to use them."
                )
                writer.line("func \(signature(shape, withContext: true))")
            }
        }
        writer.line()
        writer.block("extension \(protocolName)") { writer in
            for (index, shape) in shapes.enumerated() {
                if index > 0 { writer.line() }
                writer.line("/// Not implemented: the mock engine answers.")
                writer.block("\(access)func \(signature(shape))") { writer in
                    writer.line("throw MockFallback()")
                }
                writer.line()
                writer.line("/// Answers as `\(shape.methodName)(_:)` does, without looking at the context.")
                writer.block("\(access)func \(signature(shape, withContext: true))") { writer in
                    writer.line("try await self.\(SwiftName.escaped(shape.methodName))(input)")
                }
            }
            writer.line()
            writer.line(
                "/// The handlers to pass to `Gateway(…, handlers:)`: each decodes the typed input of a validated request, calls"
            )
            writer.line("/// this implementation and encodes its typed output.")
            writer.block("\(access)func makeHandlers() -> OperationHandlers") { writer in
                writer.line("var handlers = OperationHandlers()")
                for shape in shapes {
                    writer.line("handlers.register(\(SwiftName.literal(shape.operation.id))) { request in")
                    writer.indent { writer in
                        writer.line(
                            "try await self.\(SwiftName.escaped(shape.methodName))(\(clientModule).Operations.\(shape.typeName).Input(request: request), context: request.context).response()"
                        )
                    }
                    writer.line("}")
                }
                writer.line("return handlers")
            }
        }
        writer.line()
        renderHandlerCoding(into: &writer)
    }

    /// The coders the handlers share, built once rather than per request (a `JSONDecoder` with a custom date
    /// strategy costs more to build than to decode a small body). `JSONDecoder` and `JSONEncoder` are `Sendable`
    /// and thread-safe to use concurrently; these are never reconfigured.
    func renderHandlerCoding(into writer: inout SwiftWriter) {
        writer.line("/// The JSON coders every handler of this module shares, built once.")
        writer.block("enum HandlerCoding") { writer in
            writer.line("static let decoder = \(clientModule).JSONCoding.makeDecoder()")
            writer.line("static let encoder = \(clientModule).JSONCoding.makeEncoder()")
        }
    }

    func signature(_ shape: OperationShape, withContext: Bool = false) -> String {
        let namespace = "\(clientModule).Operations.\(shape.typeName)"
        let context = withContext ? ", context: HandlerContext" : ""
        return
            "\(SwiftName.escaped(shape.methodName))(_ input: \(namespace).Input\(context)) async throws -> \(namespace).Output"
    }

    /// The imports of a file of `renderCoding(_:into:)` output.
    func renderCodingImports(into writer: inout SwiftWriter) {
        writer.line("import Foundation")
        writer.line("import GatehouseRuntime")
        writer.line("import \(clientModule)")
    }

    func renderCoding(_ shape: OperationShape, into writer: inout SwiftWriter) {
        let namespace = "\(clientModule).Operations.\(shape.typeName)"
        writer.block("extension \(namespace).Input") { writer in
            writer.block("init(request: HandlerRequest) throws") { writer in
                let bodyNeedsDecoder = shape.body?.contents.contains { $0.kind == .json || $0.kind == .form } ?? false
                if !shape.parameters.isEmpty || bodyNeedsDecoder {
                    writer.line("let decoder = HandlerCoding.decoder")
                }
                renderBodyDecoding(shape, namespace: namespace, into: &writer)
                var arguments: [String] = []
                for parameter in shape.parameters {
                    let name = SwiftName.literal(parameter.parameter.name)
                    let read =
                        "try request.\(parameter.parameter.location.rawValue)(\(name), as: \(qualified(parameter.type.unwrapped)).self, decoder: decoder)"
                    let value = parameter.type.isOptional ? read : "try request.required(\(read), \(name))"
                    arguments.append("\(SwiftName.escaped(parameter.swiftName)): \(value)")
                }
                if shape.body != nil { arguments.append("body: body") }
                if arguments.isEmpty {
                    writer.line("self.init()")
                } else {
                    writer.line("self.init(")
                    writer.indent { writer in
                        for (index, argument) in arguments.enumerated() {
                            writer.line(argument + (index == arguments.count - 1 ? "" : ","))
                        }
                    }
                    writer.line(")")
                }
            }
        }
        writer.line()
        renderOutputEncoding(shape, namespace: namespace, into: &writer)
    }

    func renderBodyDecoding(_ shape: OperationShape, namespace: String, into writer: inout SwiftWriter) {
        guard let body = shape.body else { return }
        if body.isEnum {
            writer.line("let decodedBody: \(namespace).Body?")
            writer.line("switch request.mediaType {")
            for content in body.contents {
                writer.line("case \(SwiftName.literal(content.mediaType))?:")
                writer.indent { writer in
                    writer.line(
                        "decodedBody = \(readContent(content)).map { .\(SwiftName.escaped(content.caseName))($0) }")
                }
            }
            writer.line("default:")
            writer.indent { $0.line("decodedBody = nil") }
            writer.line("}")
            writer.line(body.required ? "let body = try request.requiredBody(decodedBody)" : "let body = decodedBody")
        } else {
            let read = readContent(body.contents[0])
            writer.line(body.required ? "let body = try request.requiredBody(\(read))" : "let body = \(read)")
        }
    }

    func readContent(_ content: BodyShape.Content) -> String {
        switch content.kind {
        case .json, .form: return "try request.jsonBody(\(qualified(content.type)).self, decoder: decoder)"
        case .text: return "request.textBody"
        case .raw: return "request.dataBody"
        }
    }

    func renderOutputEncoding(_ shape: OperationShape, namespace: String, into writer: inout SwiftWriter) {
        writer.block("extension \(namespace).Output") { writer in
            writer.block("func response() throws -> HandlerResponse") { writer in
                if shape.responses.contains(where: {
                    $0.body.map { $0.contents.contains { $0.kind == .json || $0.kind == .form } } ?? false
                }) {
                    writer.line("let encoder = HandlerCoding.encoder")
                }
                writer.line("switch self {")
                for response in shape.responses {
                    let name = SwiftName.escaped(response.caseName)
                    let status: String
                    if case .code(let code) = response.status { status = String(code) } else { status = "statusCode" }
                    let binding = response.carriesStatus ? "(let statusCode, " : "("
                    guard response.body != nil || !response.headers.isEmpty else {
                        writer.line("case .\(name)\(response.carriesStatus ? "(let statusCode, _)" : ""):")
                        writer.indent { $0.line("return HandlerResponse(status: \(status))") }
                        continue
                    }
                    writer.line("case .\(name)\(binding)let value):")
                    writer.indent { writer in
                        writer.line("var response = HandlerResponse(status: \(status))")
                        if let body = response.body {
                            if body.isEnum {
                                writer.line("switch value.body {")
                                for content in body.contents {
                                    writer.line("case .\(SwiftName.escaped(content.caseName))(let body):")
                                    writer.indent { renderEncode(content, value: "body", into: &$0) }
                                }
                                writer.line("}")
                            } else {
                                renderEncode(body.contents[0], value: "value.body", into: &writer)
                            }
                        }
                        for header in response.headers {
                            writer.line(
                                "if let header = try \(clientModule).ParameterCoding.header(value.\(header.swiftName), explode: \(header.explode)) {"
                            )
                            writer.indent {
                                $0.line(
                                    "response.headers.append((name: \(SwiftName.literal(header.name)), value: header))")
                            }
                            writer.line("}")
                        }
                        writer.line("return response")
                    }
                }
                writer.line("case .undocumented(let statusCode, let body):")
                writer.indent { $0.line("return HandlerResponse(status: statusCode, body: Array(body))") }
                writer.line("}")
            }
        }
    }

    func renderEncode(_ content: BodyShape.Content, value: String, into writer: inout SwiftWriter) {
        let contentType = content.mediaType.contains("*") ? "application/octet-stream" : content.mediaType
        switch content.kind {
        case .json, .form:
            writer.line("response.body = Array(try encoder.encode(\(value)))")
        case .text:
            writer.line("response.body = Array(\(value).utf8)")
        case .raw:
            writer.line("response.body = Array(\(value))")
        }
        writer.line("response.headers.append((name: \"Content-Type\", value: \(SwiftName.literal(contentType))))")
    }
}
