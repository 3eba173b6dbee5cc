import Foundation

/// Renders an operation's namespace: `Input`, `Output` with a struct per documented response, and the inline types.
struct OperationTypesRenderer {
    let access: String
    var models: ModelRenderer { ModelRenderer(access: access) }

    /// The namespace of `shape`; `members` adds declarations at its end (the client's request building).
    func render(
        _ shape: OperationShape, into writer: inout SwiftWriter, members: (inout SwiftWriter) -> Void = { _ in }
    ) {
        let operation = shape.operation
        writer.block("extension Operations") { writer in
            writer.documentation(operation.summary ?? operation.id)
            writer.line("///")
            writer.line(
                "/// `\(operation.method.rawValue) \(operation.path.raw.replacingOccurrences(of: "`", with: "'"))`")
            if operation.deprecated { writer.line("@available(*, deprecated)") }
            writer.block("\(access)enum \(shape.typeName)") { writer in
                writer.line("\(access)static let id = \(SwiftName.literal(operation.id))")
                writer.line()
                renderInput(shape, into: &writer)
                writer.line()
                renderOutput(shape, into: &writer)
                if let body = shape.body, body.isEnum {
                    writer.line()
                    renderBodyEnum(body, documentation: "The request body, in one of its media types.", into: &writer)
                }
                for nested in shape.nested {
                    writer.line()
                    models.render(nested, into: &writer)
                }
                members(&writer)
            }
        }
    }

    func renderInput(_ shape: OperationShape, into writer: inout SwiftWriter) {
        writer.line("/// The parameters and body of a call.")
        writer.block("\(access)struct Input: Sendable, Hashable") { writer in
            for parameter in shape.parameters {
                var documentation = (parameter.parameter.description ?? "").trimmingCharacters(
                    in: .whitespacesAndNewlines)
                if !documentation.isEmpty { documentation += "\n\n" }
                documentation += "`\(parameter.parameter.name)` in \(parameter.parameter.location.rawValue)."
                writer.documentation(documentation)
                if parameter.parameter.deprecated { writer.line("@available(*, deprecated)") }
                writer.line("\(access)var \(SwiftName.escaped(parameter.swiftName)): \(parameter.type.swift)")
            }
            if let body = shape.body {
                renderBodyProperty(body, type: body.required ? body.type : body.type.optional, into: &writer)
            }
            var arguments = shape.parameters.map {
                "\(SwiftName.escaped($0.swiftName)): \($0.type.swift)\($0.type.isOptional ? " = nil" : "")"
            }
            if let body = shape.body {
                arguments.append(body.required ? "body: \(body.type.swift)" : "body: \(body.type.optional.swift) = nil")
            }
            writer.line()
            writer.block("\(access)init(\(arguments.joined(separator: ", ")))") { writer in
                for parameter in shape.parameters {
                    writer.line("self.\(parameter.swiftName) = \(SwiftName.escaped(parameter.swiftName))")
                }
                if let body = shape.body {
                    writer.line(bodyAssignment(body, type: body.required ? body.type : body.type.optional))
                }
            }
        }
    }

    func renderOutput(_ shape: OperationShape, into writer: inout SwiftWriter) {
        writer.line("/// The response: one case per documented status, and `undocumented` for any other.")
        writer.block("\(access)enum Output: Sendable, Hashable") { writer in
            for response in shape.responses {
                writer.documentation("\(response.status): \(response.documentation)")
                let name = SwiftName.escaped(response.caseName)
                if response.carriesStatus {
                    writer.line("case \(name)(statusCode: Int, \(response.typeName))")
                } else {
                    writer.line("case \(name)(\(response.typeName))")
                }
            }
            writer.line("/// A status the contract does not document, with the raw body.")
            writer.line("case undocumented(statusCode: Int, body: Data)")
            for response in shape.responses {
                writer.line()
                renderResponse(response, into: &writer)
            }
        }
    }

    func renderResponse(_ response: ResponseShape, into writer: inout SwiftWriter) {
        writer.documentation(response.documentation)
        writer.block("\(access)struct \(response.typeName): Sendable, Hashable") { writer in
            if let body = response.body { renderBodyProperty(body, type: body.type, into: &writer) }
            for header in response.headers {
                writer.documentation(
                    header.documentation.map { "\($0)\n\n`\(header.name)` header." } ?? "`\(header.name)` header.")
                writer.line("\(access)var \(SwiftName.escaped(header.swiftName)): \(header.type.swift)")
            }
            var arguments: [String] = []
            if let body = response.body { arguments.append("body: \(body.type.swift)") }
            arguments += response.headers.map {
                "\(SwiftName.escaped($0.swiftName)): \($0.type.swift)\($0.type.isOptional ? " = nil" : "")"
            }
            writer.line()
            writer.block("\(access)init(\(arguments.joined(separator: ", ")))") { writer in
                if let body = response.body { writer.line(bodyAssignment(body, type: body.type)) }
                for header in response.headers {
                    writer.line("self.\(header.swiftName) = \(SwiftName.escaped(header.swiftName))")
                }
            }
            if let body = response.body, body.isEnum {
                writer.line()
                renderBodyEnum(body, documentation: "The body, in one of its media types.", into: &writer)
            }
            for nested in response.nested {
                writer.line()
                models.render(nested, into: &writer)
            }
        }
    }

    /// `body`, stored inline or, for a large model, out of line behind the same public property.
    func renderBodyProperty(_ body: BodyShape, type: TypeRef, into writer: inout SwiftWriter) {
        guard body.boxed else {
            writer.line("\(access)var body: \(type.swift)")
            return
        }
        writer.block("\(access)var body: \(type.swift)") { writer in
            if type.isOptional {
                writer.line("get { _body?.value }")
                writer.line("set { _body = newValue.map { Indirect($0) } }")
            } else {
                writer.line("get { _body.value }")
                writer.line("set { _body = Indirect(newValue) }")
            }
        }
        writer.line("private var _body: \(models.boxedType(type))")
    }

    func bodyAssignment(_ body: BodyShape, type: TypeRef) -> String {
        guard body.boxed else { return "self.body = body" }
        return type.isOptional ? "self._body = body.map { Indirect($0) }" : "self._body = Indirect(body)"
    }

    func renderBodyEnum(_ body: BodyShape, documentation: String, into writer: inout SwiftWriter) {
        writer.documentation(documentation)
        writer.block("\(access)enum Body: Sendable, Hashable") { writer in
            for content in body.contents {
                writer.line("/// `\(content.mediaType)`")
                writer.line("case \(SwiftName.escaped(content.caseName))(\(content.type.swift))")
            }
        }
    }
}
