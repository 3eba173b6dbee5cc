import GatehouseJSON

/// A Swift type as generated code spells it: a built-in, a generated declaration, or a collection of them.
indirect enum TypeRef: Hashable, Sendable {
    /// A standard or support type: `String`, `Int64`, `Date`, `CalendarDate`, `Data`, `JSONValue`, …
    case builtin(String)
    /// A generated declaration, by its qualified path (`Pet`, `Todo.Status`).
    case named(String)
    case array(TypeRef)
    case dictionary(TypeRef)
    case optional(TypeRef)
    /// A member that can be absent, `null` or a value (`Nullable<T>`, always wrapped in an optional for absence).
    case nullable(TypeRef)

    static let string = TypeRef.builtin("String")
    static let json = TypeRef.builtin("JSONValue")
    static let data = TypeRef.builtin("Data")

    /// The type as written in source.
    var swift: String {
        switch self {
        case .builtin(let name), .named(let name): return name
        case .array(let element): return "[\(element.swift)]"
        case .dictionary(let value): return "[String: \(value.swift)]"
        case .optional(let wrapped): return wrapped.swift + "?"
        case .nullable(let wrapped): return "Nullable<\(wrapped.swift)>"
        }
    }

    /// The type without any optional wrapper.
    var unwrapped: TypeRef {
        if case .optional(let wrapped) = self { return wrapped.unwrapped }
        return self
    }

    /// Whether this is `Nullable<T>?`: absent, `null` and a value are three different things.
    var isTriState: Bool {
        if case .optional(.nullable) = self { return true }
        return false
    }

    var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// Wrapped once in an optional (never twice).
    var optional: TypeRef { isOptional ? self : .optional(self) }

    /// The generated declarations this type names, at any depth.
    var namedPaths: [String] {
        switch self {
        case .builtin: return []
        case .named(let path): return [path]
        case .array(let inner), .dictionary(let inner), .optional(let inner), .nullable(let inner):
            return inner.namedPaths
        }
    }

    /// The declaration stored inline by a value of this type (not behind an array or dictionary), if any.
    var inlineNamedPath: String? {
        switch self {
        case .named(let path): return path
        case .optional(let wrapped), .nullable(let wrapped): return wrapped.inlineNamedPath
        default: return nil
        }
    }
}
