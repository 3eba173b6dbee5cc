/// Renders model declarations: structs with their coding, string enums with an unknown case, `oneOf` enums and
/// type aliases.
struct ModelRenderer {
    let access: String

    func render(_ declaration: TypeDeclaration, into writer: inout SwiftWriter) {
        switch declaration.kind {
        case .alias(let type):
            writer.documentation(declaration.documentation)
            writer.line("\(access)typealias \(declaration.name) = \(type.swift)")
        case .structure(let shape):
            renderStruct(declaration, shape, into: &writer)
        case .stringEnum(let cases):
            renderStringEnum(declaration, cases, into: &writer)
        case .oneOf(let shape):
            renderOneOf(declaration, shape, into: &writer)
        }
    }

    func renderNested(_ declaration: TypeDeclaration, into writer: inout SwiftWriter) {
        for nested in declaration.nested {
            writer.line()
            render(nested, into: &writer)
        }
    }

    // MARK: Structs

    func renderStruct(_ declaration: TypeDeclaration, _ shape: StructShape, into writer: inout SwiftWriter) {
        writer.documentation(declaration.documentation)
        writer.block("\(access)struct \(declaration.name): Codable, Hashable, Sendable") { writer in
            for property in shape.properties {
                writer.documentation(property.documentation)
                if property.deprecated { writer.line("@available(*, deprecated)") }
                let name = SwiftName.escaped(property.swiftName)
                if property.boxed {
                    let storage = "_" + property.swiftName
                    writer.block("\(access)var \(name): \(property.type.swift)") { writer in
                        if property.type.isOptional {
                            writer.line("get { \(storage)?.value }")
                            writer.line("set { \(storage) = newValue.map { Indirect($0) } }")
                        } else {
                            writer.line("get { \(storage).value }")
                            writer.line("set { \(storage) = Indirect(newValue) }")
                        }
                    }
                    writer.line("private var \(storage): \(boxedType(property.type))")
                } else {
                    writer.line("\(access)var \(name): \(property.type.swift)")
                }
            }
            if let additional = shape.additionalProperties {
                writer.line("/// Members not declared in the contract, by name.")
                writer.line("\(access)var \(shape.additionalPropertiesName): [String: \(additional.swift)]")
            }
            writer.line()
            renderInitializer(shape, into: &writer)
            // Coding is always written out, keyed by the shared `AnyCodingKey`: a synthesized conformance or a
            // `CodingKeys` enum per type costs a dozen compiled functions per type (bench/README.md, compile time).
            renderDecoding(declaration, shape, into: &writer)
            renderEncoding(shape, into: &writer)
            renderNested(declaration, into: &writer)
        }
    }

    func boxedType(_ type: TypeRef) -> String {
        type.isOptional ? "Indirect<\(type.unwrapped.swift)>?" : "Indirect<\(type.swift)>"
    }

    func renderInitializer(_ shape: StructShape, into writer: inout SwiftWriter) {
        var parameters = shape.properties.map { property in
            let label = SwiftName.escaped(property.swiftName)
            let defaultValue = property.required ? "" : " = nil"
            return "\(label): \(property.type.swift)\(defaultValue)"
        }
        if let additional = shape.additionalProperties {
            parameters.append("\(shape.additionalPropertiesName): [String: \(additional.swift)] = [:]")
        }
        writer.block("\(access)init(\(parameters.joined(separator: ", ")))") { writer in
            for property in shape.properties {
                let name = SwiftName.escaped(property.swiftName)
                if property.boxed {
                    let value = property.type.isOptional ? "\(name).map { Indirect($0) }" : "Indirect(\(name))"
                    writer.line("self._\(property.swiftName) = \(value)")
                } else {
                    writer.line("self.\(property.swiftName) = \(name)")
                }
            }
            if shape.additionalProperties != nil {
                writer.line("self.\(shape.additionalPropertiesName) = \(shape.additionalPropertiesName)")
            }
        }
    }

    func codingKey(_ property: PropertyShape) -> String {
        "AnyCodingKey(\(SwiftName.literal(property.wireName)))"
    }

    func renderDecoding(_ declaration: TypeDeclaration, _ shape: StructShape, into writer: inout SwiftWriter) {
        writer.line()
        writer.block("\(access)init(from decoder: any Decoder) throws") { writer in
            let keyed = shape.properties.isEmpty && shape.additionalProperties == nil ? "_ = " : "let container = "
            writer.line(keyed + "try decoder.container(keyedBy: AnyCodingKey.self)")
            for property in shape.properties {
                let key = codingKey(property)
                let type = property.type.unwrapped.swift
                let read =
                    property.type.isOptional
                    ? "try container.decodeIfPresent(\(type).self, forKey: \(key))"
                    : "try container.decode(\(type).self, forKey: \(key))"
                if property.boxed {
                    let value = property.type.isOptional ? "\(read).map { Indirect($0) }" : "Indirect(\(read))"
                    writer.line("self._\(property.swiftName) = \(value)")
                } else {
                    writer.line("self.\(property.swiftName) = \(read)")
                }
            }
            if let additional = shape.additionalProperties {
                let known = shape.properties.map { SwiftName.literal($0.wireName) }.joined(separator: ", ")
                writer.line("let known: Set<String> = [\(known)]")
                writer.line("var additional: [String: \(additional.swift)] = [:]")
                writer.block("for key in container.allKeys where !known.contains(key.stringValue)") { writer in
                    writer.line(
                        "additional[key.stringValue] = try container.decode(\(additional.swift).self, forKey: key)")
                }
                writer.line("self.\(shape.additionalPropertiesName) = additional")
            }
        }
    }

    func renderEncoding(_ shape: StructShape, into writer: inout SwiftWriter) {
        writer.line()
        writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
            // An object without members is still an object: `{}`.
            let keyed = shape.properties.isEmpty && shape.additionalProperties == nil ? "_ = " : "var container = "
            writer.line(keyed + "encoder.container(keyedBy: AnyCodingKey.self)")
            for property in shape.properties {
                let key = codingKey(property)
                let value =
                    property.boxed
                    ? "_\(property.swiftName)\(property.type.isOptional ? "?" : "").value"
                    : "self.\(property.swiftName)"
                // A required member that may be null is written as null; an optional one is left out when nil.
                let method = property.type.isOptional && !property.required ? "encodeIfPresent" : "encode"
                writer.line("try container.\(method)(\(value), forKey: \(key))")
            }
            if shape.additionalProperties != nil {
                writer.block("for (name, value) in \(shape.additionalPropertiesName).sorted(by: { $0.key < $1.key })") {
                    writer in
                    writer.line("try container.encode(value, forKey: AnyCodingKey(name))")
                }
            }
        }
    }

    // MARK: Enums

    func renderStringEnum(_ declaration: TypeDeclaration, _ cases: [EnumCase], into writer: inout SwiftWriter) {
        writer.documentation(declaration.documentation)
        writer.block("\(access)enum \(declaration.name): Codable, Hashable, Sendable, RawRepresentable") { writer in
            for enumCase in cases {
                writer.line("case \(SwiftName.escaped(enumCase.swiftName))")
            }
            writer.line("/// A value the contract does not list, kept as received so it round-trips.")
            writer.line("case unknown(String)")
            writer.line()
            writer.block("\(access)init(rawValue: String)") { writer in
                writer.switchBlock("rawValue") { writer in
                    for enumCase in cases {
                        writer.line(
                            "case \(SwiftName.literal(enumCase.rawValue)): self = .\(SwiftName.escaped(enumCase.swiftName))"
                        )
                    }
                    writer.line("default: self = .unknown(rawValue)")
                }
            }
            writer.line()
            writer.block("\(access)var rawValue: String") { writer in
                writer.switchBlock("self") { writer in
                    for enumCase in cases {
                        writer.line(
                            "case .\(SwiftName.escaped(enumCase.swiftName)): return \(SwiftName.literal(enumCase.rawValue))"
                        )
                    }
                    writer.line("case .unknown(let value): return value")
                }
            }
            writer.line()
            writer.block("\(access)init(from decoder: any Decoder) throws") { writer in
                writer.line("self.init(rawValue: try decoder.singleValueContainer().decode(String.self))")
            }
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                writer.line("var container = encoder.singleValueContainer()")
                writer.line("try container.encode(rawValue)")
            }
        }
    }

    func renderOneOf(_ declaration: TypeDeclaration, _ shape: OneOfShape, into writer: inout SwiftWriter) {
        writer.documentation(declaration.documentation)
        let indirect = declaration.isIndirect ? "indirect " : ""
        writer.block("\(access)\(indirect)enum \(declaration.name): Codable, Hashable, Sendable") { writer in
            for oneOfCase in shape.cases {
                writer.line("case \(SwiftName.escaped(oneOfCase.swiftName))(\(oneOfCase.type.swift))")
            }
            writer.line()
            writer.block("\(access)init(from decoder: any Decoder) throws") { writer in
                if let discriminator = shape.discriminator {
                    let key = "AnyCodingKey(\(SwiftName.literal(discriminator.property)))"
                    writer.line("let container = try decoder.container(keyedBy: AnyCodingKey.self)")
                    writer.line("let discriminator = try container.decode(String.self, forKey: \(key))")
                    writer.line("let value = try decoder.singleValueContainer()")
                    writer.switchBlock("discriminator") { writer in
                        var seen: Set<String> = []
                        for (value, index) in discriminator.mapping where seen.insert(value).inserted {
                            let oneOfCase = shape.cases[index]
                            writer.line(
                                "case \(SwiftName.literal(value)): self = .\(SwiftName.escaped(oneOfCase.swiftName))(try value.decode(\(oneOfCase.type.swift).self))"
                            )
                        }
                        writer.line("default:")
                        writer.indent { writer in
                            writer.line("throw DecodingError.dataCorruptedError(")
                            writer.indent { writer in
                                writer.line("forKey: \(key), in: container,")
                                writer.line(
                                    "debugDescription: \"unknown discriminator value '\\(discriminator)' for '\(declaration.name)'\")"
                                )
                            }
                        }
                    }
                } else {
                    writer.line("let container = try decoder.singleValueContainer()")
                    for oneOfCase in shape.cases {
                        writer.block("if let value = try? container.decode(\(oneOfCase.type.swift).self)") { writer in
                            writer.line("self = .\(SwiftName.escaped(oneOfCase.swiftName))(value)")
                            writer.line("return")
                        }
                    }
                    writer.line("throw DecodingError.dataCorruptedError(")
                    writer.indent { writer in
                        writer.line(
                            "in: container, debugDescription: \"the value matches no alternative of '\(declaration.name)'\")"
                        )
                    }
                }
            }
            writer.line()
            writer.block("\(access)func encode(to encoder: any Encoder) throws") { writer in
                writer.line("var container = encoder.singleValueContainer()")
                writer.switchBlock("self") { writer in
                    for oneOfCase in shape.cases {
                        writer.line(
                            "case .\(SwiftName.escaped(oneOfCase.swiftName))(let value): try container.encode(value)")
                    }
                }
            }
            renderNested(declaration, into: &writer)
        }
    }
}
