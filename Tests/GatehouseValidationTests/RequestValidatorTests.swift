import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

/// Decoding and schema validation together: what a client is told about a bad request, one sentence per problem.
struct RequestValidatorTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: Requests, version: '1'}
        paths:
          /lists/{listId}/items:
            parameters:
              - {name: listId, in: path, required: true, schema: {type: integer, minimum: 1}}
            post:
              parameters:
                - {name: limit, in: query, schema: {type: integer, maximum: 100}}
                - {name: tags, in: query, style: form, explode: false, schema: {type: array, items: {type: string, enum: [a, b]}}}
                - {name: X-Trace, in: header, required: true, schema: {type: string, format: uuid}}
                - {name: session, in: cookie, schema: {type: string, minLength: 8}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
                  application/x-www-form-urlencoded:
                    schema: {$ref: '#/components/schemas/Item'}
                  multipart/form-data:
                    schema:
                      type: object
                      required: [item, file]
                      properties:
                        item: {$ref: '#/components/schemas/Item'}
                        file: {type: string, contentMediaType: image/png}
                    encoding:
                      item: {contentType: application/json}
                  application/xml:
                    schema: {$ref: '#/components/schemas/Item'}
              responses:
                '201': {description: created}
        components:
          schemas:
            Item:
              type: object
              required: [name, quantity]
              properties:
                name: {type: string, maxLength: 10}
                quantity: {type: integer, minimum: 1}
                id: {type: string, readOnly: true}
              xml: {name: item}
        """

    static let model = SpecFrontEnd().run(bytes: Array(spec.utf8), path: "requests.yaml").model!
    static let validator = RequestValidator(model: model)
    static let trace = HeaderField(name: "X-Trace", value: "3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04")

    static func issues(
        path: String = "7",
        query: String = "",
        headers: [HeaderField] = [trace],
        contentType: String = "application/json",
        body: String?
    ) -> [String] {
        let request = RequestValidator.Request(
            pathCaptures: ["listId": path],
            query: query,
            headers: headers + [HeaderField(name: "Content-Type", value: contentType)],
            body: body.map { Array($0.utf8) }
        )
        return validator.validate(request, for: model.operations[0]).map(\.description)
    }

    @Test func aValidRequestHasNoIssues() {
        #expect(Self.issues(query: "limit=5&tags=a,b", body: #"{"name": "milk", "quantity": 2}"#) == [])
    }

    @Test func parametersAreDecodedThenValidated() {
        #expect(
            Self.issues(
                path: "zero",
                query: "limit=abc&tags=a,c",
                headers: [
                    HeaderField(name: "x-trace", value: "nope"), HeaderField(name: "Cookie", value: "session=short"),
                ],
                body: #"{"name": "milk", "quantity": 2}"#
            ) == [
                "path.listId: expected an integer, found a string 'zero'",
                "query.limit: expected an integer, found a string 'abc'",
                "query.tags/1: expected one of 'a' or 'b', found a string 'c'",
                "header.X-Trace: expected a 'uuid' string, found 'nope'",
                "cookie.session: expected a string of at least 8 characters, found 5: 'short'",
            ]
        )
    }

    @Test func missingRequiredHeaderAndBody() {
        #expect(
            Self.issues(headers: [], body: nil) == [
                "header.X-Trace: missing required header 'X-Trace'",
                "body: expected a request body, found none",
            ])
    }

    @Test func everyBodyProblemIsReported() {
        #expect(
            Self.issues(body: #"{"name": "a very long name", "quantity": 0, "id": "x"}"#) == [
                "body/name: expected a string of at most 10 characters, found 16: 'a very long name'",
                "body/quantity: expected a number at least 1, found 0",
                "body/id: read-only value must not be sent in a request",
            ])
    }

    @Test func formBodiesAreTypedBySchema() {
        #expect(Self.issues(contentType: "application/x-www-form-urlencoded", body: "name=milk&quantity=2") == [])
        #expect(
            Self.issues(contentType: "application/x-www-form-urlencoded", body: "name=milk&quantity=none") == [
                "body/quantity: expected an integer, found a string 'none'"
            ])
        // An empty form is a form without fields, not a missing body (schemathesis on the USPTO example).
        #expect(
            Self.issues(contentType: "application/x-www-form-urlencoded", body: "") == [
                "body: missing required property 'name'", "body: missing required property 'quantity'",
            ])
    }

    @Test func multipartPartsAreDecodedByTheirEncoding() {
        let body = [
            "--b1", "Content-Disposition: form-data; name=\"item\"", "Content-Type: application/json", "",
            #"{"name": "milk"}"#, "--b1", "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"",
            "Content-Type: image/png", "", "PNGDATA", "--b1--", "",
        ].joined(separator: "\r\n")
        #expect(
            Self.issues(contentType: "multipart/form-data; boundary=b1", body: body) == [
                "body/item: missing required property 'quantity'"
            ])
    }

    @Test func xmlBodiesMapOntoTheSchema() {
        #expect(
            Self.issues(contentType: "application/xml", body: "<item><name>milk</name><quantity>3</quantity></item>")
                == [])
        #expect(
            Self.issues(contentType: "application/xml", body: "<item><name>milk</name></item>") == [
                "body: missing required property 'quantity'"
            ])
    }

    /// Text where the schema has an object or a list is an error, not an empty object that passes.
    @Test func textInAnObjectElementIsNotAnObject() {
        #expect(
            Self.issues(contentType: "application/xml", body: "<item>true</item>") == [
                "body: expected an object, found a string 'true'"
            ])
        #expect(
            Self.issues(
                contentType: "application/xml", body: "<item>\n  <name>milk</name>\n  <quantity>3</quantity>\n</item>")
                == [])
    }

    @Test func anUndeclaredMediaTypeIsOneIssue() {
        let issues = Self.issues(contentType: "text/csv", body: "name,quantity")
        #expect(issues.count == 1)
        #expect(issues.first?.contains("'text/csv'") == true, "\(issues)")
        #expect(
            Self.validator.validate(
                RequestValidator.Request(
                    pathCaptures: ["listId": "7"], query: "",
                    headers: [Self.trace, HeaderField(name: "Content-Type", value: "text/csv")], body: Array("x".utf8)),
                for: Self.model.operations[0]
            ).first?.keyword == "content-type")
    }
}
