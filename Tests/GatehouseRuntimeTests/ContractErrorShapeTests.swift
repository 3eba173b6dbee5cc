import Foundation
import GatehouseJSON
import GatehouseRuntime
import Testing

/// The gateway's own errors (a 400 for a request that breaks the contract, a 403 without a key, a 406) are written in
/// the response the contract documents for their status: its media type and its error schema, with the status and
/// message in the members that name them. Only a status the contract leaves undocumented gets problem+json.
struct ContractErrorShapeTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Shaped errors, version: '1'}
        paths:
          /charges:
            get:
              operationId: listCharges
              security: [{key: []}]
              parameters: [{name: limit, in: query, schema: {type: integer, maximum: 100}}]
              responses:
                '200':
                  description: ok
                  content: {application/json: {schema: {type: array, items: {type: string}}, example: [a]}}
                default:
                  description: Stripe's error shape.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [error]
                        properties:
                          error:
                            type: object
                            required: [type]
                            properties:
                              type: {type: string, enum: [api_error, invalid_request_error]}
                              message: {type: string}
                              param: {type: string}
          /pets:
            get:
              operationId: listPets
              parameters: [{name: limit, in: query, schema: {type: integer, maximum: 100}}]
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {schema: {type: array, items: {type: string}}, example: [a]}
                    application/xml: {schema: {type: object}}
                '400':
                  description: The pet store's error.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [code, message]
                        properties: {code: {type: integer, format: int32}, message: {type: string}}
                      example: {code: 42, message: Something is wrong}
        components:
          securitySchemes:
            key: {type: apiKey, in: header, name: X-API-Key}
        """

    @Test func gatewayErrorsTakeTheDocumentedShape() async throws {
        try await RunningGateway.with(spec: Self.spec) { gateway in
            let invalid = try await gateway.request(.GET, "/pets?limit=1000")
            #expect(invalid.status == 400)
            #expect(invalid.headers["Content-Type"] == ["application/json"])
            #expect(
                invalid.body
                    == #"{"code":400,"message":"the request does not match the contract of 'listPets': 1 problem: query.limit: expected a number at most 100, found 1000"}"#
            )

            let anonymous = try await gateway.request(.GET, "/charges")
            #expect(anonymous.status == 403)
            #expect(anonymous.headers["Content-Type"] == ["application/json"])
            let error = try #require(anonymous.json?["error"])
            // `type` is an enum the problem's type is not in: the contract's own value stays.
            #expect(error["type"] == .string("api_error"))
            #expect(error["message"]?.stringValue?.contains("API key") == true, "\(anonymous.body)")

            // 406 is not documented for listPets: the gateway's problem document.
            let refused = try await gateway.request(.GET, "/pets", headers: [("Accept", "image/png")])
            #expect(refused.status == 406)
            #expect(refused.headers["Content-Type"] == ["application/problem+json"])
        }
    }
}
