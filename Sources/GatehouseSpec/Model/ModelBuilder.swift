import GatehouseJSON

/// Builds the `APIModel` from a loaded document.
///
/// It is tolerant: a piece the structure checker already reported (a broken `$ref`, a wrong type) is skipped, so the
/// model of a document with errors is still as complete as it can be. It reports what only merging reveals: a
/// parameter declared twice.
struct ModelBuilder {
    let document: SpecDocument
    var diagnostics: [Diagnostic] = []

    init(document: SpecDocument) {
        self.document = document
    }

    mutating func build() -> APIModel {
        let root = document.root.objectValue ?? JSONObject()
        let rootAddress = document.rootAddress()
        let servers = makeServers(root["servers"], at: rootAddress.appending("servers")) ?? [Server.root]
        let securitySchemes = makeSecuritySchemes(root)
        let security = makeSecurityRequirements(root["security"], at: rootAddress.appending("security"))

        var operations: [Operation] = []
        var pathItems: [PathItem] = []
        if let paths = root["paths"]?.objectValue {
            let pathsAddress = rootAddress.appending("paths")
            for member in paths where member.key.hasPrefix("/") {
                let keyAddress = pathsAddress.appending(member.key)
                guard let (itemAddress, item) = object(at: keyAddress) else { continue }
                let template = PathTemplate(member.key)
                let (pathItem, itemOperations) = makePathItem(
                    item,
                    template: template,
                    at: itemAddress,
                    keyAddress: keyAddress,
                    firstIndex: operations.count,
                    servers: servers,
                    security: security
                )
                pathItems.append(pathItem)
                operations += itemOperations
            }
        }
        var webhooks: [Operation] = []
        if let hooks = root["webhooks"]?.objectValue {
            let hooksAddress = rootAddress.appending("webhooks")
            for member in hooks {
                let keyAddress = hooksAddress.appending(member.key)
                guard let (itemAddress, item) = object(at: keyAddress) else { continue }
                webhooks +=
                    makePathItem(
                        item,
                        template: PathTemplate(member.key),
                        at: itemAddress,
                        keyAddress: keyAddress,
                        firstIndex: webhooks.count,
                        servers: servers,
                        security: security
                    ).operations
            }
        }
        assignDerivedIds(&operations)
        assignDerivedIds(&webhooks)

        var model = APIModel(
            document: document,
            info: makeInfo(root["info"]?.objectValue ?? JSONObject()),
            servers: servers,
            pathItems: pathItems,
            operations: operations,
            webhooks: webhooks,
            securitySchemes: securitySchemes,
            security: security,
            tags: makeTags(root["tags"]),
            schemas: makeSchemas(root, at: rootAddress),
            extensions: extensions(of: root)
        )
        var gateway = GatewayExtensionReader(document: document)
        gateway.read(into: &model)
        diagnostics += gateway.diagnostics
        return model
    }

    // MARK: Paths and operations

    mutating func makePathItem(
        _ item: JSONObject,
        template: PathTemplate,
        at address: NodeAddress,
        keyAddress: NodeAddress,
        firstIndex: Int,
        servers rootServers: [Server],
        security: [SecurityRequirement]?
    ) -> (pathItem: PathItem, operations: [Operation]) {
        let pathParameters = makeParameters(item["parameters"], at: address.appending("parameters"))
        let pathServers = makeServers(item["servers"], at: address.appending("servers")) ?? rootServers
        var operations: [Operation] = []
        for method in HTTPMethod.allCases {
            let operationAddress = address.appending(method.key)
            guard let operation = item[method.key]?.objectValue else { continue }
            let ownParameters = makeParameters(operation["parameters"], at: operationAddress.appending("parameters"))
            var merged = pathParameters.filter { shared in
                !ownParameters.contains { $0.identity == shared.identity }
            }
            merged += ownParameters
            let declaredSecurity = makeSecurityRequirements(
                operation["security"],
                at: operationAddress.appending("security")
            )
            let declaredId = operation["operationId"]?.stringValue
            operations.append(
                Operation(
                    id: declaredId ?? "",
                    hasDeclaredId: declaredId != nil,
                    method: method,
                    path: template,
                    summary: operation["summary"]?.stringValue,
                    description: operation["description"]?.stringValue,
                    tags: operation["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    deprecated: operation["deprecated"]?.boolValue ?? false,
                    parameters: merged,
                    requestBody: makeRequestBody(at: operationAddress.appending("requestBody")),
                    responses: makeResponses(at: operationAddress.appending("responses")),
                    security: declaredSecurity ?? security,
                    declaresSecurity: declaredSecurity != nil,
                    servers: makeServers(operation["servers"], at: operationAddress.appending("servers"))
                        ?? pathServers,
                    extensions: extensions(of: operation),
                    address: operationAddress
                )
            )
        }
        let pathItem = PathItem(
            path: template,
            parameters: pathParameters,
            operationIndices: Array(firstIndex..<(firstIndex + operations.count)),
            extensions: extensions(of: item),
            address: address,
            keyAddress: keyAddress
        )
        return (pathItem, operations)
    }

    /// Gives operations without an `operationId` one derived from method and path, unique among all ids.
    func assignDerivedIds(_ operations: inout [Operation]) {
        var taken = Set(operations.filter(\.hasDeclaredId).map(\.id))
        for index in operations.indices where !operations[index].hasDeclaredId {
            let base = Self.derivedId(method: operations[index].method, path: operations[index].path)
            var candidate = base
            var suffix = 2
            while taken.contains(candidate) {
                candidate = "\(base)\(suffix)"
                suffix += 1
            }
            taken.insert(candidate)
            operations[index].id = candidate
        }
    }

    /// `GET /pets/{petId}/photos` gives `getPetsByPetIdPhotos`.
    static func derivedId(method: HTTPMethod, path: PathTemplate) -> String {
        var id = method.key
        for segment in path.segments {
            for part in segment {
                switch part {
                case .literal(let text): id += upperCamelCase(text)
                case .parameter(let name): id += "By" + upperCamelCase(name)
                }
            }
        }
        return id
    }

    static func upperCamelCase(_ text: String) -> String {
        text.split { !($0.isLetter || $0.isNumber) }.map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }

    // MARK: Root pieces

    func makeInfo(_ info: JSONObject) -> Info {
        Info(
            title: info["title"]?.stringValue ?? "",
            version: info["version"]?.stringValue ?? "",
            summary: info["summary"]?.stringValue,
            description: info["description"]?.stringValue,
            termsOfService: info["termsOfService"]?.stringValue,
            extensions: extensions(of: info)
        )
    }

    func makeServers(_ value: JSONValue?, at address: NodeAddress) -> [Server]? {
        guard let array = value?.arrayValue, !array.isEmpty else { return nil }
        return array.compactMap { element in
            guard let server = element.objectValue, let url = server["url"]?.stringValue else { return nil }
            let variables = (server["variables"]?.objectValue ?? JSONObject()).compactMap {
                member -> Server.Variable? in
                guard let variable = member.value.objectValue else { return nil }
                return Server.Variable(
                    name: member.key,
                    defaultValue: variable["default"]?.stringValue ?? "",
                    enumValues: variable["enum"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    description: variable["description"]?.stringValue
                )
            }
            return Server(url: url, description: server["description"]?.stringValue, variables: variables)
        }
    }

    func makeTags(_ value: JSONValue?) -> [Tag] {
        (value?.arrayValue ?? []).compactMap { element in
            guard let tag = element.objectValue, let name = tag["name"]?.stringValue else { return nil }
            return Tag(name: name, description: tag["description"]?.stringValue, extensions: extensions(of: tag))
        }
    }

    func makeSchemas(_ root: JSONObject, at rootAddress: NodeAddress) -> [NamedSchema] {
        guard let schemas = root["components"]?["schemas"]?.objectValue else { return [] }
        let schemasAddress = rootAddress.appending("components").appending("schemas")
        return schemas.map {
            NamedSchema(name: $0.key, schema: SchemaReference(address: schemasAddress.appending($0.key)))
        }
    }

    // MARK: Helpers

    /// The object at `address`, following `$ref`s; nil when it is not an object or a reference is broken.
    func object(at address: NodeAddress) -> (NodeAddress, JSONObject)? {
        guard case .success(let resolved) = document.dereference(address),
            case .object(let object) = resolved.value
        else { return nil }
        return (resolved.address, object)
    }

    func extensions(of object: JSONObject) -> JSONObject {
        JSONObject(object.filter { $0.key.hasPrefix("x-") })
    }
}

extension Server {
    /// The server a document without `servers` has: `/`.
    static let root = Server(url: "/", description: nil, variables: [])
}
