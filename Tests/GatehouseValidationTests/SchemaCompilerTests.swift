import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// The OpenAPI dialects on top of JSON Schema: 3.0's `nullable`, `readOnly`/`writeOnly` by direction, the
/// discriminator, draft-4 rules; references across files; compile errors.
struct SchemaCompilerTests {
    static let petstore30 = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name, petType, secret]
              properties:
                id: {type: integer, format: int64, readOnly: true}
                name: {type: string, nullable: true}
                petType: {type: string}
                secret: {type: string, writeOnly: true}
                weight: {type: number, maximum: 10, exclusiveMaximum: true}
                owner:
                  $ref: '#/components/schemas/Owner'
                  description: siblings of $ref are ignored in 3.0
                  type: integer
            Owner:
              type: object
              required: [name]
              properties: {name: {type: string}}
            Cat:
              type: object
              required: [petType, lives]
              properties: {petType: {type: string}, lives: {type: integer, format: int32}}
            Dog:
              type: object
              required: [petType, bark]
              properties: {petType: {type: string}, bark: {type: boolean}}
            AnyPet:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator:
                propertyName: petType
                mapping: {kitty: '#/components/schemas/Cat'}
        """

    @Test func nullableAdmitsNullIn30() throws {
        let pet = try SchemaTestData.component("Pet", in: SchemaTestData.document(Self.petstore30))
        let value = try SchemaTestData.json(#"{"id": 1, "name": null, "petType": "cat", "secret": "s"}"#)
        #expect(pet.validate(value).isEmpty)
    }

    @Test func readOnlyIsRejectedInRequestsAndNotRequired() throws {
        let pet = try SchemaTestData.component("Pet", in: SchemaTestData.document(Self.petstore30))
        let request = ValidationOptions(direction: .request)
        let withoutId = try SchemaTestData.json(#"{"name": "Rex", "petType": "dog", "secret": "s"}"#)
        #expect(pet.validate(withoutId, options: request).isEmpty)
        let withId = try SchemaTestData.json(#"{"id": 7, "name": "Rex", "petType": "dog", "secret": "s"}"#)
        let issues = pet.validate(withId, options: request)
        #expect(issues.map(\.description) == ["/id: read-only value must not be sent in a request"])
        #expect(issues.first?.keyword == "readOnly")
    }

    @Test func writeOnlyIsRejectedInResponsesAndNotRequired() throws {
        let pet = try SchemaTestData.component("Pet", in: SchemaTestData.document(Self.petstore30))
        let response = ValidationOptions(direction: .response)
        let withoutSecret = try SchemaTestData.json(#"{"id": 7, "name": "Rex", "petType": "dog"}"#)
        #expect(pet.validate(withoutSecret, options: response).isEmpty)
        let withSecret = try SchemaTestData.json(#"{"id": 7, "name": "Rex", "petType": "dog", "secret": "s"}"#)
        #expect(
            pet.validate(withSecret, options: response).map(\.description) == [
                "/secret: write-only value must not be returned in a response"
            ])
        // Without a direction both are plain properties, and both are required.
        #expect(pet.validate(try SchemaTestData.json(#"{"name": "Rex", "petType": "dog"}"#)).count == 2)
    }

    @Test func draft4RulesApplyIn30() throws {
        let pet = try SchemaTestData.component("Pet", in: SchemaTestData.document(Self.petstore30))
        let heavy = try SchemaTestData.json(
            #"{"id": 1, "name": "a", "petType": "cat", "secret": "s", "weight": 10, "owner": {"name": "x"}}"#)
        #expect(pet.validate(heavy).map(\.message) == ["expected a number less than 10, found 10"])
        // The `type: integer` beside `$ref` is ignored.
        let owned = try SchemaTestData.json(
            #"{"id": 1, "name": "a", "petType": "cat", "secret": "s", "owner": {}}"#)
        #expect(pet.validate(owned).map(\.description) == ["/owner: missing required property 'name'"])
    }

    @Test func discriminatorSelectsTheAlternative() throws {
        let anyPet = try SchemaTestData.component("AnyPet", in: SchemaTestData.document(Self.petstore30))
        #expect(anyPet.validate(try SchemaTestData.json(#"{"petType": "kitty", "lives": 9}"#)).isEmpty)
        #expect(anyPet.validate(try SchemaTestData.json(#"{"petType": "Dog", "bark": true}"#)).isEmpty)
        let wrongKind = anyPet.validate(try SchemaTestData.json(#"{"petType": "kitty", "bark": true}"#))
        #expect(wrongKind.map(\.description) == [": missing required property 'lives'"])
        let unknown = anyPet.validate(try SchemaTestData.json(#"{"petType": "bird"}"#))
        #expect(
            unknown.map(\.description) == [
                "/petType: expected discriminator property 'petType' to be one of 'kitty' or 'Dog', found 'bird'"
            ])
        let missing = anyPet.validate(try SchemaTestData.json(#"{"lives": 1}"#))
        #expect(missing.map(\.message) == ["missing discriminator property 'petType' (one of 'kitty' or 'Dog')"])
    }

    @Test func referencesReachOtherFiles() throws {
        let document = try SchemaTestData.document(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    item: {$ref: 'common.yaml#/Item'}
            """,
            files: ["common.yaml": "Item: {type: object, required: [sku], properties: {sku: {type: string}}}\n"])
        let order = try SchemaTestData.component("Order", in: document)
        let issues = order.validate(try SchemaTestData.json(#"{"item": {"sku": 5}}"#))
        #expect(issues.map(\.description) == ["/item/sku: expected a string, found an integer 5"])
        #expect(issues.first?.schemaLocation?.file.hasSuffix("common.yaml") == true)
        #expect(issues.first?.schemaLocation?.pointer.string == "/Item/properties/sku/type")
    }

    @Test func recursiveSchemasValidateToAnyDepth() throws {
        let compiler = SchemaCompiler(dialect: .draft2020_12)
        let tree = try compiler.compile(
            SchemaTestData.json(
                ##"{"type": "object", "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#"}}}}"##
            ))
        let value = try SchemaTestData.json(
            #"{"value": 1, "children": [{"value": 2, "children": [{"value": "three", "children": []}]}]}"#)
        #expect(tree.validate(value).map(\.location) == ["/children/0/children/0/value"])
    }

    struct BrokenSchema: Sendable, CustomTestStringConvertible {
        var schema: String
        var code: SchemaCompileError.Code
        var message: String
        var testDescription: String { schema }
    }

    @Test(arguments: [
        BrokenSchema(
            schema: ##"{"$ref": "#/$defs/missing"}"##, code: .unresolvedReference,
            message: "unresolved reference '#/$defs/missing' (resolved to 'urn:test#/$defs/missing')"),
        BrokenSchema(
            schema: #"{"pattern": "(unclosed"}"#, code: .invalidPattern,
            message: "invalid regular expression '(unclosed': missing ')'"),
        BrokenSchema(
            schema: #"{"minLength": "3"}"#, code: .invalidKeyword,
            message: "'minLength': expected a non-negative integer, found a string '3'"),
        BrokenSchema(
            schema: #"{"type": "text"}"#, code: .invalidKeyword, message: "'type': unknown type 'text'"),
    ])
    func compileErrorsAreClear(_ row: BrokenSchema) throws {
        let compiler = SchemaCompiler(dialect: .draft2020_12)
        let schema = try SchemaTestData.json(row.schema)
        #expect(throws: SchemaCompileError.self) { try compiler.compile(schema, baseURI: "urn:test") }
        do {
            _ = try compiler.compile(schema, baseURI: "urn:test")
        } catch {
            #expect(error.code == row.code)
            #expect(error.message == row.message)
        }
    }

    @Test func aFailedCompileLeavesNothingBehind() throws {
        let document = try SchemaTestData.document(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Broken:
                  type: object
                  properties:
                    good: {$ref: '#/components/schemas/Good'}
                    bad: {$ref: '#/components/schemas/Missing'}
                Good:
                  type: object
                  properties:
                    back: {$ref: '#/components/schemas/Broken'}
            """)
        let compiler = SchemaCompiler(document: document)
        #expect(throws: SchemaCompileError.self) {
            try compiler.compile(SchemaTestData.reference("Broken", in: document))
        }
        // `Good` reaches `Broken`, which must fail again rather than come back half compiled from the cache.
        #expect(throws: SchemaCompileError.self) {
            try compiler.compile(SchemaTestData.reference("Good", in: document))
        }
    }
}
