package import GatehouseSpec

/// The source-level surface of the Swift client `gatehouse generate` writes for a contract: its types, members, enum
/// cases and operation methods, each with the contract node it comes from. `gatehouse diff --sdk swift` compares two.
package struct SwiftClientSurface: Sendable {
    package struct Declaration: Sendable, Hashable {
        package enum Kind: String, Sendable, Hashable {
            /// A struct, enum or type alias.
            case type
            /// A stored property of a generated struct, or a member of an operation's `Input`.
            case member
            /// A case of a string enum, a `oneOf` enum or an operation's `Output`: users may switch over them.
            case enumCase
            /// A method of `Client`.
            case method
        }

        package var kind: Kind
        /// `Pet`, `Pet.name`, `Pet.Status.sold`, `Client.listPets`, `Operations.ListPets.Input.limit`.
        package var path: String
        /// A member's Swift type (`String?`), or a type's kind (`struct`, `enum`, `typealias`).
        package var type: String
        /// The contract node it is generated from.
        package var source: NodeAddress?
        /// The operation a method, input member or output case belongs to.
        package var operation: Operation?

        /// A member's type without its optional wrapper.
        package var isOptional: Bool { type.hasSuffix("?") }
    }

    package var declarations: [Declaration] = []

    /// Translates the whole contract (every operation and component), as `gatehouse generate` does without filters.
    package init(model: APIModel) {
        let module = SwiftGenerator.defaultName(for: model) + "Client"
        var translator = OperationTranslator(types: TypeTranslator(model: model, moduleName: module))
        let shapes = model.operations.map { translator.translate($0, model: model) }
        translator.types.translateAllComponents()
        translator.types.drain()
        for declaration in translator.types.declarations { add(declaration) }
        for shape in shapes { add(shape) }
    }

    private mutating func add(_ declaration: TypeDeclaration, operation: Operation? = nil) {
        let kind: String
        switch declaration.kind {
        case .structure(let shape):
            kind = "struct"
            for property in shape.properties {
                declarations.append(
                    Declaration(
                        kind: .member, path: declaration.path + "." + property.swiftName, type: property.type.swift,
                        source: property.source, operation: operation))
            }
        case .stringEnum(let cases):
            kind = "enum"
            for enumCase in cases {
                declarations.append(
                    Declaration(
                        kind: .enumCase, path: declaration.path + "." + enumCase.swiftName, type: enumCase.rawValue,
                        source: declaration.source.map { $0.appending("enum") }, operation: operation))
            }
        case .oneOf(let shape):
            kind = "enum"
            for oneOfCase in shape.cases {
                declarations.append(
                    Declaration(
                        kind: .enumCase, path: declaration.path + "." + oneOfCase.swiftName, type: oneOfCase.type.swift,
                        source: declaration.source, operation: operation))
            }
        case .alias(let type):
            kind = "typealias \(type.swift)"
        }
        declarations.append(
            Declaration(
                kind: .type, path: declaration.path, type: kind, source: declaration.source, operation: operation))
        for nested in declaration.nested { add(nested, operation: operation) }
    }

    private mutating func add(_ shape: OperationShape) {
        let operation = shape.operation
        declarations.append(
            Declaration(
                kind: .method, path: "Client." + shape.methodName, type: "\(shape.path).Output",
                source: operation.address, operation: operation))
        for parameter in shape.parameters {
            declarations.append(
                Declaration(
                    kind: .member, path: "\(shape.path).Input.\(parameter.swiftName)", type: parameter.type.swift,
                    source: parameter.parameter.address, operation: operation))
        }
        if let body = shape.body {
            declarations.append(
                Declaration(
                    kind: .member, path: "\(shape.path).Input.body", type: body.type.swift + (body.required ? "" : "?"),
                    source: operation.requestBody?.address, operation: operation))
        }
        for response in shape.responses {
            let source = operation.responses.first { $0.status == response.status }?.address
            declarations.append(
                Declaration(
                    kind: .enumCase, path: "\(shape.path).Output.\(response.caseName)", type: response.typeName,
                    source: source, operation: operation))
            for nested in response.nested { add(nested, operation: operation) }
        }
        for nested in shape.nested { add(nested, operation: operation) }
    }
}
