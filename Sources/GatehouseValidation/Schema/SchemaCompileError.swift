public import GatehouseJSON
public import GatehouseSpec

/// Why a schema could not be compiled: the schema itself is wrong, not an instance.
public struct SchemaCompileError: Error, Sendable, Hashable {
    /// What kind of problem; a struct over a private enum so cases can be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case unresolvedReference
            case invalidPattern
            case invalidKeyword
            case tooDeep
        }

        private let value: Value

        /// A `$ref` (or `$dynamicRef`) whose target cannot be found.
        public static let unresolvedReference = Code(value: .unresolvedReference)
        /// A `pattern` or `patternProperties` key that is not a valid regular expression.
        public static let invalidPattern = Code(value: .invalidPattern)
        /// A keyword whose value has the wrong shape (`minLength: "3"`, `required: 1`).
        public static let invalidKeyword = Code(value: .invalidKeyword)
        /// Schemas nested beyond the compiler's depth limit.
        public static let tooDeep = Code(value: .tooDeep)

        /// The rule-style name (`unresolved-ref`), as diagnostics print it in brackets.
        public var description: String {
            switch value {
            case .unresolvedReference: return "unresolved-ref"
            case .invalidPattern: return "invalid-pattern"
            case .invalidKeyword: return "invalid-keyword"
            case .tooDeep: return "too-deep"
            }
        }
    }

    /// What kind of problem.
    public var code: Code
    /// One sentence in the house style: lowercase, no trailing period, names in single quotes.
    public var message: String
    /// The schema node at fault.
    public var location: NodeAddress

    /// An error of kind `code` about the schema node at `location`.
    public init(code: Code, message: String, location: NodeAddress) {
        self.code = code
        self.message = message
        self.location = location
    }
}

extension SchemaCompileError: CustomStringConvertible {
    /// `location: message [code]`.
    public var description: String { "\(location): \(message) [\(code)]" }
}
