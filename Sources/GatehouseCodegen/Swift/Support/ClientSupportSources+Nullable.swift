extension ClientSupportSources {
    /// `Nullable`, the type of an optional nullable property of a request model: with the `Optional` around it, it
    /// keeps the three states JSON has (absent, `null`, a value) that `T?` folds into two.
    static let nullable = #"""
        /// A member that may be `null`, for properties where absent and `null` mean different things: in a JSON Merge
        /// Patch (RFC 7396), `null` clears a member and an absent one keeps it.
        ///
        /// Such a property has the type `Nullable<T>?`: `nil` leaves the member out, `.null` sends `null` and
        /// `.value(x)` (or a literal) sends `x`. Decoding keeps the three states apart.
        ///
        /// ```swift
        /// ListPatch(description: .null)        // {"description":null}: clears it
        /// ListPatch(description: "Saturday")   // {"description":"Saturday"}
        /// ListPatch(name: "Groceries")         // {"name":"Groceries"}: keeps it
        /// ```
        public enum Nullable<Wrapped> {
            /// The member is `null`.
            case null
            /// The member has a value.
            case value(Wrapped)

            /// `.value` for a value, `.null` for nil.
            public init(_ optional: Wrapped?) {
                if let wrapped = optional {
                    self = .value(wrapped)
                } else {
                    self = .null
                }
            }

            /// The value, or nil when it is `null`.
            public var optional: Wrapped? {
                if case .value(let wrapped) = self { return wrapped }
                return nil
            }
        }

        extension Nullable: Equatable where Wrapped: Equatable {}

        extension Nullable: Hashable where Wrapped: Hashable {}

        extension Nullable: Sendable where Wrapped: Sendable {}

        extension Nullable: Decodable where Wrapped: Decodable {
            public init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
            }
        }

        extension Nullable: Encodable where Wrapped: Encodable {
            public func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .null: try container.encodeNil()
                case .value(let wrapped): try container.encode(wrapped)
                }
            }
        }

        extension Nullable: ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral,
            ExpressibleByStringLiteral
        where Wrapped == String {
            public init(stringLiteral value: String) {
                self = .value(value)
            }
        }

        extension Nullable: ExpressibleByIntegerLiteral where Wrapped: ExpressibleByIntegerLiteral {
            public init(integerLiteral value: Wrapped.IntegerLiteralType) {
                self = .value(Wrapped(integerLiteral: value))
            }
        }

        extension Nullable: ExpressibleByFloatLiteral where Wrapped: ExpressibleByFloatLiteral {
            public init(floatLiteral value: Wrapped.FloatLiteralType) {
                self = .value(Wrapped(floatLiteral: value))
            }
        }

        extension Nullable: ExpressibleByBooleanLiteral where Wrapped == Bool {
            public init(booleanLiteral value: Bool) {
                self = .value(value)
            }
        }

        extension Nullable: ExpressibleByArrayLiteral where Wrapped: RangeReplaceableCollection {
            public init(arrayLiteral elements: Wrapped.Element...) {
                self = .value(Wrapped(elements))
            }
        }

        extension KeyedDecodingContainer {
            /// Absent is nil, `null` is `.null`: the standard `decodeIfPresent` would read both as nil. Synthesized
            /// `Decodable` conformances pick this overload for `Nullable<T>?` properties.
            public func decodeIfPresent<Wrapped: Decodable>(
                _ type: Nullable<Wrapped>.Type, forKey key: Key
            ) throws -> Nullable<Wrapped>? {
                guard contains(key) else { return nil }
                return try decode(Nullable<Wrapped>.self, forKey: key)
            }
        }
        """#
}
