import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// Schemas shaped like the ones real contracts use and a synthesizer easily gives up on (issue 15's first bug: a
/// mock answered 500 for them): discriminated `oneOf` over `allOf`, overlapping alternatives, a pattern with a format
/// or a length, counts of properties and items, conditionals, and a header pattern with lookaround.
extension ExampleSynthesizerTests {
    static let hardSchemas = """
        openapi: 3.1.0
        info: {title: hard, version: '1'}
        paths: {}
        components:
          schemas:
            Base:
              type: object
              required: [kind, id]
              properties:
                kind: {type: string, enum: [text, image, file]}
                id: {type: string, pattern: '^msg_[A-Za-z0-9]{24}$'}
            Text:
              allOf:
                - $ref: '#/components/schemas/Base'
                - type: object
                  required: [body]
                  properties: {kind: {const: text}, body: {type: string, minLength: 1, maxLength: 4096}}
            Image:
              allOf:
                - $ref: '#/components/schemas/Base'
                - type: object
                  required: [url, width]
                  properties: {kind: {const: image}, url: {type: string, format: uri}, width: {type: integer, minimum: 1}}
            Message:
              oneOf: [{$ref: '#/components/schemas/Text'}, {$ref: '#/components/schemas/Image'}]
              discriminator: {propertyName: kind, mapping: {text: '#/components/schemas/Text', image: '#/components/schemas/Image'}}
            Unmapped:
              oneOf: [{$ref: '#/components/schemas/Text'}, {$ref: '#/components/schemas/Image'}]
            Overlapping:
              oneOf:
                - {type: object, properties: {a: {type: string}, b: {type: integer}}}
                - {type: object, required: [b], properties: {b: {type: integer}}}
            Timestamp: {type: string, format: date-time, pattern: '^20[0-9]{2}-'}
            ShortEmail: {type: string, format: email, maxLength: 12}
            LongDate: {type: string, format: date, minLength: 10, maxLength: 10}
            NonEmpty: {type: string, pattern: '^(?!\\s*$).+'}
            Insensitive: {type: string, pattern: '(?<=x)y'}
            Counted: {type: object, minProperties: 2, additionalProperties: {type: integer}}
            Named: {type: object, minProperties: 1, propertyNames: {pattern: '^[a-z]{3}$'}}
            Tuple: {type: array, prefixItems: [{type: string}, {type: integer}], minItems: 2, items: false}
            Containing: {type: array, contains: {type: integer, minimum: 5}, minContains: 2, items: {type: integer}}
            Unique: {type: array, minItems: 3, uniqueItems: true, items: {type: string, enum: [a, b, c]}}
            Conditional:
              type: object
              required: [country]
              properties: {country: {type: string, enum: [US, CA]}, zip: {type: string}}
              if: {properties: {country: {const: US}}}
              then: {required: [zip], properties: {zip: {pattern: '^[0-9]{5}$'}}}
            Dependent:
              type: object
              properties: {card: {type: string}, billing: {type: string}}
              dependentRequired: {card: [billing]}
            Negated: {type: string, not: {enum: [string, example]}}
            Money: {type: number, multipleOf: 0.01, exclusiveMinimum: 0, maximum: 1}
            Nullable: {type: [string, 'null'], pattern: '^[A-Z]+$', minLength: 2}
            Deep:
              allOf:
                - {$ref: '#/components/schemas/Message'}
                - {type: object, properties: {meta: {$ref: '#/components/schemas/Conditional'}}, required: [meta]}
        """

    @Test func hardSchemasGetValidExamples() throws {
        let output = SpecFrontEnd().run(bytes: Array(Self.hardSchemas.utf8), path: "hard.yaml")
        let model = try #require(output.model, "\(output.diagnostics)")
        let (checked, total, failures) = try Self.synthesizeEverySchema(of: model)
        #expect(checked == total)
        #expect(failures == [])
    }
}
