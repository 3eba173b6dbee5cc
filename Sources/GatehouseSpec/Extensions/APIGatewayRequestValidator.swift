/// A named request validator of `x-amazon-apigateway-request-validators`: what API Gateway checks before it calls
/// the integration. `x-amazon-apigateway-request-validator` picks one for the whole API (root) or one operation.
public struct APIGatewayRequestValidator: Sendable, Hashable {
    public static let declarationsName = "x-amazon-apigateway-request-validators"
    public static let extensionName = "x-amazon-apigateway-request-validator"

    public var name: String
    /// `validateRequestBody`: the body is checked against its schema.
    public var validatesBody: Bool
    /// `validateRequestParameters`: required parameters are checked (Gatehouse checks them against their schemas).
    public var validatesParameters: Bool

    public init(name: String, validatesBody: Bool, validatesParameters: Bool) {
        self.name = name
        self.validatesBody = validatesBody
        self.validatesParameters = validatesParameters
    }
}
