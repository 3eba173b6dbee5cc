import Foundation
public import GatehouseJSON

/// The API as every later stage sees it: operations with their resolved parameters, bodies, responses and security,
/// built once from the document so that no later stage walks the raw OpenAPI structure again.
///
/// Schemas are not translated: a `SchemaReference` addresses the schema in the document's own JSON, because OpenAPI
/// 3.1 schemas are arbitrary JSON Schema and the validator compiles them from there.
public struct APIModel: Sendable {
    /// The loaded files, for locations and for the JSON that schemas and examples point into.
    public let document: SpecDocument
    public var info: Info
    /// The root servers (a document without servers gets one with url `/`, as the specification says).
    public var servers: [Server]
    public var pathItems: [PathItem]
    /// Every operation under `paths`, in document order (paths in order, methods in the order of `HTTPMethod`).
    public var operations: [Operation]
    /// OpenAPI 3.1 webhooks, as operations whose `path` is the webhook's name.
    public var webhooks: [Operation]
    public var securitySchemes: [SecurityScheme]
    /// The root security requirements (nil when the document declares none).
    public var security: [SecurityRequirement]?
    public var tags: [Tag]
    /// The schemas under `components/schemas`, by name, in document order.
    public var schemas: [NamedSchema]
    /// The root's `x-` extensions, raw.
    public var extensions: JSONObject
    /// The gateway extensions of the root, typed (each operation's are `Operation.gateway`).
    public var gateway = GatewayExtensions()

    public var version: OpenAPIVersion { document.version }

    public func operation(id: String) -> Operation? {
        operations.first { $0.id == id }
    }

    public func securityScheme(named name: String) -> SecurityScheme? {
        securitySchemes.first { $0.name == name }
    }
}

/// The `info` object.
public struct Info: Sendable, Hashable {
    public var title: String
    public var version: String
    public var summary: String?
    public var description: String?
    public var termsOfService: String?
    public var extensions: JSONObject
}

/// A component schema with its name.
public struct NamedSchema: Sendable, Hashable {
    public var name: String
    public var schema: SchemaReference
}

/// A schema, addressed in the document's JSON. The node may itself be a `$ref`.
public struct SchemaReference: Sendable, Hashable {
    public var address: NodeAddress

    public init(address: NodeAddress) {
        self.address = address
    }
}

/// A tag declared at the root.
public struct Tag: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var extensions: JSONObject
}

/// A server URL template with its variables.
public struct Server: Sendable, Hashable {
    public struct Variable: Sendable, Hashable {
        public var name: String
        public var defaultValue: String
        public var enumValues: [String]
        public var description: String?
    }

    public var url: String
    public var description: String?
    public var variables: [Variable]

    /// The URL with every variable replaced by its default.
    public var resolvedURL: String {
        var result = url
        for variable in variables {
            result = result.replacingOccurrences(of: "{\(variable.name)}", with: variable.defaultValue)
        }
        return result
    }

    /// The path part of the resolved URL without a trailing slash (`http://x/v1/` gives `/v1`; `/` gives ``).
    public var basePath: String {
        var rest = Substring(resolvedURL)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return String(rest)
    }
}
