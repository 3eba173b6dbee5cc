/// Stores large models out of line (`Indirect`) where another type contains them by value: a struct property, the
/// body of an operation's `Input`, the body of a response struct.
///
/// Why: a struct's value witnesses (copy, assign, destroy) and the copies the compiler outlines in every file that
/// uses it are unrolled over every field, through every model it contains by value. GitHub's `Output.Created` of
/// `repos/add-collaborator` compiled to 16,000 LLVM instructions for one witness, and such code was most of a
/// debug build. Behind a reference, a containing type copies one pointer, whatever the model's size.
/// The public API does not change: the member is a computed property with the same name and type.
enum OutOfLineStorage {
    /// A struct with at least this many members is stored out of line; a smaller one is cheap to copy inline.
    static let minimumMembers = 4

    static func apply(to declarations: inout [TypeDeclaration], operations shapes: inout [OperationShape]) {
        var byPath: [String: TypeDeclaration] = [:]
        func index(_ declaration: TypeDeclaration) {
            byPath[declaration.path] = declaration
            declaration.nested.forEach(index)
        }
        declarations.forEach(index)
        for shape in shapes {
            shape.nested.forEach(index)
            for response in shape.responses { response.nested.forEach(index) }
        }

        /// Whether a value of `type` holds a large model inline (through aliases and optionals): a struct of
        /// `minimumMembers` or more, or a `oneOf` with such a case (a `oneOf` of primitives stays inline).
        func isLarge(_ type: TypeRef, visited: inout Set<String>) -> Bool {
            guard let path = type.inlineNamedPath, visited.insert(path).inserted, let declaration = byPath[path] else {
                return false
            }
            switch declaration.kind {
            case .structure(let shape):
                return shape.properties.count + (shape.additionalProperties == nil ? 0 : 1) >= minimumMembers
            case .oneOf(let shape):
                return shape.cases.contains { isLarge($0.type, visited: &visited) }
            case .alias(let target):
                return isLarge(target, visited: &visited)
            case .stringEnum:
                return false
            }
        }
        func isLarge(_ type: TypeRef) -> Bool {
            var visited: Set<String> = []
            return isLarge(type, visited: &visited)
        }

        func update(_ declaration: inout TypeDeclaration) {
            if case .structure(var shape) = declaration.kind {
                for index in shape.properties.indices where isLarge(shape.properties[index].type) {
                    shape.properties[index].boxed = true
                }
                declaration.kind = .structure(shape)
            }
            for index in declaration.nested.indices { update(&declaration.nested[index]) }
        }
        for index in declarations.indices { update(&declarations[index]) }
        for index in shapes.indices {
            for nested in shapes[index].nested.indices { update(&shapes[index].nested[nested]) }
            if let body = shapes[index].body, isLarge(body.type) { shapes[index].body?.boxed = true }
            for response in shapes[index].responses.indices {
                for nested in shapes[index].responses[response].nested.indices {
                    update(&shapes[index].responses[response].nested[nested])
                }
                if let body = shapes[index].responses[response].body, isLarge(body.type) {
                    shapes[index].responses[response].body?.boxed = true
                }
            }
        }
    }
}
