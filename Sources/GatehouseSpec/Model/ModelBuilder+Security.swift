import GatehouseJSON

extension ModelBuilder {
    func makeSecuritySchemes(_ root: JSONObject) -> [SecurityScheme] {
        guard let schemes = root["components"]?["securitySchemes"]?.objectValue else { return [] }
        let schemesAddress = document.rootAddress().appending("components").appending("securitySchemes")
        return schemes.compactMap { member -> SecurityScheme? in
            guard let (address, object) = object(at: schemesAddress.appending(member.key)),
                let kind = makeSecuritySchemeKind(object)
            else { return nil }
            return SecurityScheme(
                name: member.key,
                kind: kind,
                description: object["description"]?.stringValue,
                extensions: extensions(of: object),
                address: address
            )
        }
    }

    func makeSecuritySchemeKind(_ object: JSONObject) -> SecurityScheme.Kind? {
        switch object["type"]?.stringValue {
        case "apiKey":
            guard let name = object["name"]?.stringValue,
                let location = object["in"]?.stringValue.flatMap(ParameterLocation.init(rawValue:))
            else { return nil }
            return .apiKey(name: name, location: location)
        case "http":
            guard let scheme = object["scheme"]?.stringValue else { return nil }
            return .http(scheme: scheme.lowercased(), bearerFormat: object["bearerFormat"]?.stringValue)
        case "oauth2":
            return .oauth2(flows: object["flows"]?.objectValue ?? JSONObject())
        case "openIdConnect":
            guard let url = object["openIdConnectUrl"]?.stringValue else { return nil }
            return .openIdConnect(url: url)
        case "mutualTLS":
            return .mutualTLS
        default:
            return nil
        }
    }

    /// A `security` list: nil when absent, so an operation can tell "inherits" from "declares none" (`[]`).
    func makeSecurityRequirements(_ value: JSONValue?, at address: NodeAddress) -> [SecurityRequirement]? {
        guard let array = value?.arrayValue else { return nil }
        return array.enumerated().compactMap { index, element in
            guard let requirement = element.objectValue else { return nil }
            let entries = requirement.map { member in
                SecurityRequirement.Entry(
                    scheme: member.key,
                    scopes: member.value.arrayValue?.compactMap(\.stringValue) ?? []
                )
            }
            return SecurityRequirement(schemes: entries, address: address.appending(index))
        }
    }
}
