/// The object types of the OpenAPI specification that the structure checker describes, one table row each.
///
/// The four OAuth flows are separate types because each requires and permits different URLs.
enum ObjectType: Int, CaseIterable, Sendable {
    case openAPI
    case info
    case contact
    case license
    case server
    case serverVariable
    case components
    case paths
    case pathItem
    case operation
    case externalDocs
    case parameter
    case requestBody
    case mediaType
    case encoding
    case responses
    case response
    case callback
    case example
    case link
    case header
    case tag
    case schema
    case discriminator
    case xml
    case securityScheme
    case oauthFlows
    case implicitFlow
    case passwordFlow
    case clientCredentialsFlow
    case authorizationCodeFlow
    case securityRequirement
}
