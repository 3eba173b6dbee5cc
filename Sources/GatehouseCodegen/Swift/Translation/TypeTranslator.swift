import GatehouseJSON
import GatehouseSpec

/// Translates schemas into Swift types: one declaration per named schema (and per referenced schema outside
/// `components/schemas`), and nested declarations for inline schemas that need a type of their own.
///
/// Named schemas are translated lazily, as they are reached, so a filtered client (`--include-tags`) contains only
/// the models its operations use; `translateAllComponents()` adds the rest.
struct TypeTranslator {
    /// Where new declarations go: the top level, or inside a generated type.
    struct Nest {
        /// The qualified path of the enclosing type; empty at the top level.
        var path: String
        var scope: NameScope
        var declarations: [TypeDeclaration] = []
    }

    /// Swift and Foundation names, and the support types every client declares: a schema with one of these names
    /// gets the suffix `Model` (`Error` → `ErrorModel`, `Client` → `ClientModel`).
    static let reservedTypeNames: Set<String> = [
        "Any", "AnyObject", "Array", "Bool", "Character", "Codable", "CodingKey", "Data", "Date", "Decimal",
        "Decodable", "Decoder", "Dictionary", "Double", "Encodable", "Encoder", "Equatable", "Error", "Float",
        "Foundation", "Hashable", "Int", "Int32", "Int64", "Never", "Optional", "Protocol", "Result", "Self",
        "Sendable", "Set", "String", "Swift", "Type", "URL", "UUID", "Void", "JSONDecoder", "JSONEncoder",
        "Client", "JSONValue", "CalendarDate", "Indirect", "AnyCodingKey", "JSONCoding", "ParameterCoding",
        "ParameterStyle", "QueryItems", "HTTPHeaderField", "HTTPRequest", "HTTPResponse", "HTTPTransport",
        "URLSessionTransport", "ClientError", "Operations", "Servers", "CodingKeys", "Nullable", "RequestBuilder",
        "ResponseReader",
    ]

    let document: SpecDocument
    let isOpenAPI30: Bool
    /// Schemas of partial updates: their optional nullable properties are `Nullable<T>?`.
    let patchSchemas: PatchSchemas
    private(set) var diagnostics: [Diagnostic] = []
    /// Top-level declarations in the order they were translated.
    private(set) var declarations: [TypeDeclaration] = []
    private var topLevelNames: [NodeAddress: String] = [:]
    private var topLevelScope: NameScope
    private var pending: [(name: String, address: NodeAddress)] = []
    private var componentAddresses: [NodeAddress] = []

    init(model: APIModel, moduleName: String) {
        self.document = model.document
        self.isOpenAPI30 = !model.version.isOpenAPI31
        self.patchSchemas = PatchSchemas(model: model)
        self.topLevelScope = NameScope(reserved: Self.reservedTypeNames.union([moduleName]))
        // Every component gets its name up front, so names do not depend on which operations are generated.
        for named in model.schemas {
            let name = claimTopLevel(named.name)
            topLevelNames[named.schema.address] = name
            componentAddresses.append(named.schema.address)
        }
    }

    private mutating func claimTopLevel(_ schemaName: String) -> String {
        let base = SwiftName.upperCamel(schemaName)
        return topLevelScope.claim(Self.reservedTypeNames.contains(base) ? base + "Model" : base)
    }

    /// Names a nested scope must not reuse: every top-level name, so a nested type never shadows one.
    var reservedForNested: Set<String> { topLevelScope.names }

    /// A nest for the inside of the type at `path`.
    func nest(inside path: String, ancestors: [String]) -> Nest {
        Nest(path: path, scope: NameScope(reserved: reservedForNested.union(ancestors)))
    }

    /// Queues every component schema (the full client, without filters).
    mutating func translateAllComponents() {
        for address in componentAddresses { _ = topLevelName(for: address) }
        drain()
    }

    /// Translates queued named schemas until none is left.
    mutating func drain() {
        while !pending.isEmpty {
            let (name, address) = pending.removeFirst()
            translateNamed(name, at: address)
        }
    }

    /// The top-level name for the schema at `address`, queuing its translation the first time.
    mutating func topLevelName(for address: NodeAddress) -> String {
        if let name = topLevelNames[address], translatedOrQueued.contains(address) { return name }
        let name: String
        if let known = topLevelNames[address] {
            name = known
        } else {
            name = claimTopLevel(address.pointer.lastToken ?? "Schema")
            topLevelNames[address] = name
        }
        translatedOrQueued.insert(address)
        pending.append((name, address))
        return name
    }

    private var translatedOrQueued: Set<NodeAddress> = []

    private mutating func translateNamed(_ name: String, at address: NodeAddress) {
        var nest = Nest(path: "", scope: NameScope())
        let (type, _) = baseType(at: address, suggested: name, exactName: name, in: &nest)
        if case .named(name) = type, let index = nest.declarations.firstIndex(where: { $0.path == name }) {
            let declaration = nest.declarations.remove(at: index)
            declarations.append(declaration)
        } else {
            declarations.append(
                TypeDeclaration(
                    name: name, path: name, documentation: keywords(at: address)?.description, kind: .alias(type),
                    source: address))
        }
        declarations += nest.declarations
    }

    func keywords(at address: NodeAddress) -> SchemaKeywords? {
        guard case .object(let object)? = document.value(at: address) else { return nil }
        return SchemaKeywords(object, isOpenAPI30: isOpenAPI30)
    }

    /// The type of the schema at `address`, optional when the schema admits null.
    mutating func typeRef(at address: NodeAddress, suggested: String, in nest: inout Nest) -> TypeRef {
        let (type, nullable) = baseType(at: address, suggested: suggested, exactName: nil, in: &nest)
        return nullable ? type.optional : type
    }

    /// The type of a schema and whether it admits null. `exactName` names the declaration a top-level schema makes.
    mutating func baseType(
        at address: NodeAddress, suggested: String, exactName: String?, in nest: inout Nest
    ) -> (TypeRef, nullable: Bool) {
        guard let value = document.value(at: address) else { return (.json, false) }
        guard case .object(let object) = value else {
            // `true`, `false` and other non-object schemas accept anything (or nothing): a JSON value.
            return (.json, false)
        }
        let schema = SchemaKeywords(object, isOpenAPI30: isOpenAPI30)
        if let ref = schema.ref {
            guard case .node(let target) = document.resolve(ref, from: address.file) else {
                fallback(at: address, "reference '\(ref)' cannot be followed")
                return (.json, false)
            }
            var visited: Set<NodeAddress> = []
            return (.named(topLevelName(for: target)), isNullable(target, visited: &visited))
        }
        var nullable = schema.isNullable
        let type: TypeRef
        if let values = object["enum"]?.arrayValue {
            type = enumType(values: values, schema: schema, at: address, suggested: suggested, exactName, &nest)
        } else if let constant = object["const"] {
            type = constantType(constant)
        } else if let (keyword, members) = schema.alternatives {
            let (alternatives, hasNull) = alternativesType(
                keyword: keyword, members: members, schema: schema, at: address, suggested: suggested, exactName,
                &nest)
            type = alternatives
            nullable = nullable || hasNull
        } else if let members = object["allOf"]?.arrayValue {
            let (merged, hasNull) = allOfType(
                members: members, schema: schema, at: address, suggested: suggested, exactName, &nest)
            type = merged
            nullable = nullable || hasNull
        } else {
            type = plainType(schema: schema, at: address, suggested: suggested, exactName, &nest)
        }
        return (type, nullable)
    }

    /// Whether the schema at `address` (following references) admits null.
    func isNullable(_ address: NodeAddress, visited: inout Set<NodeAddress>) -> Bool {
        guard visited.insert(address).inserted, let schema = keywords(at: address) else { return false }
        if let ref = schema.ref {
            guard case .node(let target) = document.resolve(ref, from: address.file) else { return false }
            return isNullable(target, visited: &visited)
        }
        if schema.isNullable { return true }
        if let (keyword, members) = schema.alternatives {
            for index in members.indices {
                let member = address.appending(keyword).appending(index)
                if keywords(at: member)?.isNullOnly == true { return true }
            }
        }
        if let members = schema.object["allOf"]?.arrayValue, members.count == 1, schema.properties == nil {
            return isNullable(address.appending("allOf").appending(0), visited: &visited)
        }
        return false
    }

    /// Types for `string`, `integer`, `number`, `boolean`, `array` and `object` schemas (and untyped ones).
    mutating func plainType(
        schema: SchemaKeywords, at address: NodeAddress, suggested: String, _ exactName: String?, _ nest: inout Nest
    ) -> TypeRef {
        let types = schema.types
        if types.count > 1 {
            fallback(at: address, "a schema of several types (\(types.joined(separator: ", "))) has no Swift type")
            return .json
        }
        switch types.first {
        case "string"?:
            return stringType(format: schema.format)
        case "integer"?:
            switch schema.format {
            case "int32": return .builtin("Int32")
            case "int64": return .builtin("Int64")
            default: return .builtin("Int")
            }
        case "number"?:
            return schema.format == "float" ? .builtin("Float") : .builtin("Double")
        case "boolean"?:
            return .builtin("Bool")
        case "array"?:
            return arrayType(schema: schema, at: address, suggested: suggested, &nest)
        case "object"?:
            return objectType(schema: schema, at: address, suggested: suggested, exactName, &nest)
        default:
            if schema.properties != nil || schema.object["additionalProperties"] != nil {
                return objectType(schema: schema, at: address, suggested: suggested, exactName, &nest)
            }
            if schema.object["items"] != nil {
                return arrayType(schema: schema, at: address, suggested: suggested, &nest)
            }
            return .json
        }
    }

    func stringType(format: String?) -> TypeRef {
        switch format {
        case "date-time": return .builtin("Date")
        case "date": return .builtin("CalendarDate")
        case "byte", "binary": return .data
        default: return .string
        }
    }

    mutating func arrayType(
        schema: SchemaKeywords, at address: NodeAddress, suggested: String, _ nest: inout Nest
    ) -> TypeRef {
        guard case .object? = schema.object["items"] else {
            if schema.object["prefixItems"] != nil {
                fallback(at: address, "a tuple ('prefixItems') has no Swift type", generatedAs: "[JSONValue]")
            }
            return .array(.json)
        }
        return .array(typeRef(at: address.appending("items"), suggested: suggested + "Item", in: &nest))
    }

    /// The name (and qualified path) for a new declaration in `nest`.
    mutating func declarationName(_ suggested: String, exactName: String?, in nest: inout Nest) -> (
        name: String, path: String
    ) {
        if let exactName { return (exactName, exactName) }
        let base = SwiftName.upperCamel(suggested)
        if nest.path.isEmpty {
            let name = topLevelScope.claim(Self.reservedTypeNames.contains(base) ? base + "Model" : base)
            return (name, name)
        }
        let name = nest.scope.claim(base)
        return (name, nest.path + "." + name)
    }

    /// Reports a type alias on a cycle of aliases (`Loop: {type: array, items: {$ref: Loop}}`), which Swift
    /// cannot declare.
    mutating func reportAliasCycle(_ path: String) {
        guard let address = topLevelNames.first(where: { $0.value == path })?.key else { return }
        fallback(
            at: address, "'\(path)' contains itself only through arrays or maps, which a type alias cannot express")
    }

    mutating func fallback(at address: NodeAddress, _ reason: String, generatedAs type: String = "JSONValue") {
        diagnostics.append(
            Diagnostic(
                .codegenFallback,
                "\(reason); it is generated as '\(type)'",
                at: document.location(of: address),
                pointer: address.pointer
            )
        )
    }
}
