import FuzzSupport
import GatehouseSpec
import GatehouseValidation

/// XML bodies on random bytes against a schema with the `xml` object's features (renamed and wrapped elements,
/// attributes, nested objects): issues or a value, never a crash, a hang or an entity expansion.
let contract = """
    openapi: 3.0.3
    info: {title: fuzz, version: '1'}
    paths:
      /pets:
        post:
          operationId: fuzz
          requestBody:
            required: true
            content:
              application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
          responses:
            '204': {description: ok}
    components:
      schemas:
        Pet:
          type: object
          required: [name]
          xml: {name: pet}
          properties:
            id: {type: integer, xml: {attribute: true}}
            name: {type: string, maxLength: 20}
            tags: {type: array, xml: {wrapped: true}, items: {type: string, xml: {name: tag}}}
            photos: {type: array, items: {type: string, xml: {name: photoUrl}}}
            owner: {type: object, properties: {age: {type: integer}, adult: {type: boolean}}}
    """

let model = SpecFrontEnd().run(bytes: Array(contract.utf8), path: "fuzz.yaml").model!
let validator = RequestValidator(model: model)
let operation = model.operations[0]

func fuzzXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = FuzzInput(start, count, parts: 1)
    let request = RequestValidator.Request(
        pathCaptures: [:], query: "", headers: [HeaderField(name: "Content-Type", value: "application/xml")],
        body: input.parts[0])
    _ = validator.validate(request, for: operation)
    return 0
}

@main
struct FuzzXMLMain {
    static func main() {
        runFuzzer { start, count in fuzzXML(start, count) }
    }
}
