/// The OpenAPI object types of one specification version, as data: what the structure checker walks by.
///
/// One table per version, built once. Where 3.0 and 3.1 differ, the row says so inline, so the two versions can be
/// read side by side; the Schema Object rows are in `ObjectTable+Schema.swift`.
final class ObjectTable: Sendable {
    let isOpenAPI31: Bool
    private let specs: [ObjectSpec]

    static let openAPI30 = ObjectTable(isOpenAPI31: false)
    static let openAPI31 = ObjectTable(isOpenAPI31: true)

    static func forVersion(_ version: OpenAPIVersion) -> ObjectTable {
        version.isOpenAPI31 ? openAPI31 : openAPI30
    }

    subscript(type: ObjectType) -> ObjectSpec { specs[type.rawValue] }

    /// The version's name as messages print it.
    var versionName: String { isOpenAPI31 ? "3.1" : "3.0" }

    private init(isOpenAPI31: Bool) {
        self.isOpenAPI31 = isOpenAPI31
        var rows: [ObjectType: ObjectSpec] = [:]
        for type in ObjectType.allCases {
            rows[type] = Self.row(type, isOpenAPI31: isOpenAPI31)
        }
        self.specs = ObjectType.allCases.map { rows[$0]! }
    }

    private static func row(_ type: ObjectType, isOpenAPI31 v31: Bool) -> ObjectSpec {
        let parameters = Shape.array(.refable(.parameter))
        let servers = Shape.array(.object(.server))
        let content = Shape.map(.object(.mediaType))
        let examples = Shape.map(.refable(.example))
        switch type {
        case .openAPI:
            var fields: [String: Shape] = [
                "openapi": .string, "info": .object(.info), "servers": servers, "paths": .object(.paths),
                "components": .object(.components), "security": .array(.object(.securityRequirement)),
                "tags": .array(.object(.tag)), "externalDocs": .object(.externalDocs),
            ]
            if v31 {
                fields["jsonSchemaDialect"] = .string
                fields["webhooks"] = .map(.refable(.pathItem))
            }
            return ObjectSpec(
                "OpenAPI object", fields: fields,
                required: v31 ? ["openapi", "info"] : ["openapi", "info", "paths"],
                constraints: v31 ? [.anyOf(["paths", "components", "webhooks"])] : []
            )
        case .info:
            var fields: [String: Shape] = [
                "title": .string, "description": .string, "termsOfService": .string,
                "contact": .object(.contact), "license": .object(.license), "version": .string,
            ]
            if v31 { fields["summary"] = .string }
            return ObjectSpec("Info object", fields: fields, required: ["title", "version"])
        case .contact:
            return ObjectSpec("Contact object", fields: ["name": .string, "url": .string, "email": .string])
        case .license:
            var fields: [String: Shape] = ["name": .string, "url": .string]
            if v31 { fields["identifier"] = .string }
            return ObjectSpec(
                "License object", fields: fields, required: ["name"],
                constraints: v31 ? [.exclusive("identifier", "url", required: false)] : []
            )
        case .server:
            return ObjectSpec(
                "Server object",
                fields: ["url": .string, "description": .string, "variables": .map(.object(.serverVariable))],
                required: ["url"]
            )
        case .serverVariable:
            // 3.0 says the enum SHOULD NOT be empty; 3.1 made it a MUST.
            return ObjectSpec(
                "Server Variable object",
                fields: ["enum": .array(.string), "default": .string, "description": .string],
                required: ["default"],
                constraints: v31 ? [.nonEmpty("enum")] : []
            )
        case .components:
            func components(_ element: Shape) -> Shape { .map(element, keys: .componentName, memoized: true) }
            var fields: [String: Shape] = [
                "schemas": components(.schema), "responses": components(.refable(.response)),
                "parameters": components(.refable(.parameter)), "examples": components(.refable(.example)),
                "requestBodies": components(.refable(.requestBody)), "headers": components(.refable(.header)),
                "securitySchemes": components(.refable(.securityScheme)), "links": components(.refable(.link)),
                "callbacks": components(.refable(.callback)),
            ]
            if v31 { fields["pathItems"] = components(.refable(.pathItem)) }
            return ObjectSpec("Components object", fields: fields)
        case .paths:
            return ObjectSpec("Paths object", fields: [:], patterned: (.path, .object(.pathItem)))
        case .pathItem:
            var fields: [String: Shape] = [
                "$ref": .string, "summary": .string, "description": .string, "servers": servers,
                "parameters": parameters,
            ]
            for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                fields[method] = .object(.operation)
            }
            return ObjectSpec("Path Item object", fields: fields, refWithSiblings: true)
        case .operation:
            return ObjectSpec(
                "Operation object",
                fields: [
                    "tags": .array(.string), "summary": .string, "description": .string,
                    "externalDocs": .object(.externalDocs), "operationId": .string, "parameters": parameters,
                    "requestBody": .refable(.requestBody), "responses": .object(.responses),
                    "callbacks": .map(.refable(.callback)), "deprecated": .boolean,
                    "security": .array(.object(.securityRequirement)), "servers": servers,
                ],
                required: v31 ? [] : ["responses"]
            )
        case .externalDocs:
            return ObjectSpec(
                "External Documentation object", fields: ["description": .string, "url": .string], required: ["url"]
            )
        case .parameter:
            return ObjectSpec(
                "Parameter object",
                fields: [
                    "name": .string, "in": .choice(["query", "header", "path", "cookie"]), "description": .string,
                    "required": .boolean, "deprecated": .boolean, "allowEmptyValue": .boolean, "style": .string,
                    "explode": .boolean, "allowReserved": .boolean, "schema": .schema, "example": .any,
                    "examples": examples, "content": content,
                ],
                required: ["name", "in"],
                constraints: [
                    .exclusive("schema", "content", required: true), .singleEntry("content"),
                    .exclusive("example", "examples", required: false),
                    .onlyWithSchema(["style", "explode", "allowReserved", "example", "examples"]),
                    .parameterLocation,
                ]
            )
        case .header:
            // A Header is a Parameter without `name` and `in`, always in the header location; `allowReserved`
            // applies only to query parameters, so it is not one of its fields.
            var fields: [String: Shape] = [
                "description": .string, "required": .boolean, "deprecated": .boolean, "style": .choice(["simple"]),
                "explode": .boolean, "schema": .schema, "example": .any, "examples": examples, "content": content,
            ]
            if !v31 { fields["allowEmptyValue"] = .boolean }
            return ObjectSpec(
                "Header object", fields: fields,
                constraints: [
                    .exclusive("schema", "content", required: true), .singleEntry("content"),
                    .exclusive("example", "examples", required: false),
                    .onlyWithSchema(["style", "explode", "example", "examples"]),
                ]
            )
        case .requestBody:
            return ObjectSpec(
                "Request Body object", fields: ["description": .string, "content": content, "required": .boolean],
                required: ["content"]
            )
        case .mediaType:
            return ObjectSpec(
                "Media Type object",
                fields: [
                    "schema": .schema, "example": .any, "examples": examples, "encoding": .map(.object(.encoding)),
                ],
                constraints: [.exclusive("example", "examples", required: false)]
            )
        case .encoding:
            return ObjectSpec(
                "Encoding object",
                fields: [
                    "contentType": .string, "headers": .map(.refable(.header)),
                    "style": .choice(["form", "spaceDelimited", "pipeDelimited", "deepObject"]), "explode": .boolean,
                    "allowReserved": .boolean,
                ]
            )
        case .responses:
            return ObjectSpec(
                "Responses object", fields: ["default": .refable(.response)],
                patterned: (.statusCode, .refable(.response)), constraints: [.hasResponse]
            )
        case .response:
            return ObjectSpec(
                "Response object",
                fields: [
                    "description": .string, "headers": .map(.refable(.header)), "content": content,
                    "links": .map(.refable(.link)),
                ],
                required: ["description"]
            )
        case .callback:
            return ObjectSpec("Callback object", fields: [:], patterned: (.any, .object(.pathItem)))
        case .example:
            return ObjectSpec(
                "Example object",
                fields: ["summary": .string, "description": .string, "value": .any, "externalValue": .string],
                constraints: [.exclusive("value", "externalValue", required: false)]
            )
        case .link:
            return ObjectSpec(
                "Link object",
                fields: [
                    "operationRef": .string, "operationId": .string, "parameters": .map(.any), "requestBody": .any,
                    "description": .string, "server": .object(.server),
                ],
                constraints: [.exclusive("operationRef", "operationId", required: true)]
            )
        case .tag:
            return ObjectSpec(
                "Tag object",
                fields: ["name": .string, "description": .string, "externalDocs": .object(.externalDocs)],
                required: ["name"]
            )
        case .schema:
            return schemaRow(isOpenAPI31: v31)
        case .discriminator:
            return ObjectSpec(
                "Discriminator object", fields: ["propertyName": .string, "mapping": .map(.string)],
                required: ["propertyName"]
            )
        case .xml:
            return ObjectSpec(
                "XML object",
                fields: [
                    "name": .string, "namespace": .string, "prefix": .string, "attribute": .boolean,
                    "wrapped": .boolean,
                ]
            )
        case .securityScheme:
            let types = ["apiKey", "http", "oauth2", "openIdConnect"] + (v31 ? ["mutualTLS"] : [])
            return ObjectSpec(
                "Security Scheme object",
                fields: [
                    "type": .choice(types), "description": .string, "name": .string,
                    "in": .choice(["query", "header", "cookie"]), "scheme": .string, "bearerFormat": .string,
                    "flows": .object(.oauthFlows), "openIdConnectUrl": .string,
                ],
                required: ["type"], constraints: [.securitySchemeType]
            )
        case .oauthFlows:
            return ObjectSpec(
                "OAuth Flows object",
                fields: [
                    "implicit": .object(.implicitFlow), "password": .object(.passwordFlow),
                    "clientCredentials": .object(.clientCredentialsFlow),
                    "authorizationCode": .object(.authorizationCodeFlow),
                ]
            )
        case .implicitFlow:
            return flowRow("implicit", urls: ["authorizationUrl"])
        case .passwordFlow:
            return flowRow("password", urls: ["tokenUrl"])
        case .clientCredentialsFlow:
            return flowRow("clientCredentials", urls: ["tokenUrl"])
        case .authorizationCodeFlow:
            return flowRow("authorizationCode", urls: ["authorizationUrl", "tokenUrl"])
        case .securityRequirement:
            // Keys are scheme names, so an `x-` key is a scheme, not an extension.
            return ObjectSpec(
                "Security Requirement object", fields: [:], allowsExtensions: false,
                patterned: (.any, .array(.string))
            )
        }
    }

    /// An OAuth Flow object: each flow requires its own URLs and permits no others.
    private static func flowRow(_ flow: String, urls: [String]) -> ObjectSpec {
        var fields: [String: Shape] = ["refreshUrl": .string, "scopes": .map(.string)]
        for url in urls { fields[url] = .string }
        return ObjectSpec("OAuth Flow object ('\(flow)')", fields: fields, required: urls + ["scopes"])
    }
}
