import FuzzSupport
import GatehouseSpec
import GatehouseValidation

/// Parameter and body decoding on random requests against a contract with every parameter style and the body media
/// types a gateway reads (JSON, form, multipart with encodings, text): issues or a decoded request, never a crash or
/// a hang. Parts (split at 0x00): path value, query string, header value, cookie header, content type, body.
let contract = """
    openapi: 3.1.0
    info: {title: fuzz, version: '1'}
    paths:
      /items/{id}:
        post:
          operationId: fuzz
          parameters:
            - {name: id, in: path, required: true, style: matrix, explode: true, schema: {type: object, properties: {a: {type: integer}, b: {type: string}}}}
            - {name: tags, in: query, style: form, explode: false, schema: {type: array, items: {type: string, maxLength: 8}}}
            - {name: ids, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}}}
            - {name: near, in: query, style: spaceDelimited, explode: false, schema: {type: array, items: {type: number}}}
            - {name: filter, in: query, style: deepObject, explode: true, schema: {type: object, properties: {color: {type: string, enum: [red, blue]}, size: {type: object, additionalProperties: {type: integer}}}}}
            - {name: q, in: query, content: {application/json: {schema: {type: object, required: [x], properties: {x: {type: boolean}}}}}}
            - {name: X-Point, in: header, explode: true, schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}}
            - {name: session, in: cookie, schema: {type: string, pattern: '^[a-f0-9]{4,}$'}}
          requestBody:
            content:
              application/json: {schema: {$ref: '#/components/schemas/Item'}}
              application/x-www-form-urlencoded:
                schema: {$ref: '#/components/schemas/Item'}
                encoding: {tags: {style: pipeDelimited}}
              multipart/form-data:
                schema:
                  type: object
                  properties: {item: {$ref: '#/components/schemas/Item'}, file: {type: string, contentMediaType: image/png}, note: {type: string}}
                encoding: {item: {contentType: application/json}}
              text/plain: {schema: {type: string, maxLength: 64}}
          responses:
            '204': {description: ok}
    components:
      schemas:
        Item:
          type: object
          required: [name]
          properties:
            name: {type: string, minLength: 1}
            count: {type: integer, minimum: 0}
            tags: {type: array, items: {type: string}}
            when: {type: string, format: date-time}
    """

let model = SpecFrontEnd().run(bytes: Array(contract.utf8), path: "fuzz.yaml").model!
let validator = RequestValidator(model: model)
let operation = model.operations[0]
let contentTypes = [
    "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ",
    "text/plain; charset=utf-8",
]

func fuzzRequest(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = FuzzInput(start, count, parts: 6)
    let contentType = input.parts[4].first.map { contentTypes[Int($0) % contentTypes.count] } ?? input.text(4)
    let request = RequestValidator.Request(
        pathCaptures: ["id": input.text(0)],
        query: input.text(1),
        headers: [
            HeaderField(name: "X-Point", value: input.text(2)),
            HeaderField(name: "Cookie", value: input.text(3)),
            HeaderField(name: "Content-Type", value: contentType),
        ],
        body: input.parts[5]
    )
    _ = validator.validate(request, for: operation)
    return 0
}

@main
struct FuzzRequestMain {
    static func main() {
        runFuzzer { start, count in fuzzRequest(start, count) }
    }
}
