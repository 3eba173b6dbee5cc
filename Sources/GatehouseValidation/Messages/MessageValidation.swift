import Foundation
public import GatehouseJSON
public import GatehouseSpec

/// What request and response validation share: one schema compiler for the document, and the step that checks a
/// decoded value against its schema and places the issues in the message (`query.limit`, `body/items/3`).
struct MessageValidation: Sendable {
    let document: SpecDocument
    let compiler: SchemaCompiler
    let options: ValidationOptions
    private let compiled = CompiledSchemaCache()

    init(document: SpecDocument, options: ValidationOptions) {
        self.document = document
        self.compiler = SchemaCompiler(document: document)
        self.options = options
    }

    /// Validates `value` against `schema`; issue locations are `prefix` followed by the instance pointer.
    func check(
        _ value: JSONValue,
        against schema: SchemaReference,
        at prefix: String,
        direction: ValidationOptions.Direction
    ) -> [ValidationIssue] {
        var options = options
        options.direction = direction
        let compiled: CompiledSchema
        switch self.compiled.schema(schema, compiler: compiler) {
        case .success(let schema):
            compiled = schema
        case .failure(let error):
            return [
                ValidationIssue(
                    location: prefix,
                    keyword: "schema",
                    schemaLocation: schema.address,
                    message: "the schema cannot be used for validation: \(error)"
                )
            ]
        }
        return compiled.validate(value, options: options).map { issue in
            var placed = issue
            placed.location = prefix + issue.location
            return placed
        }
    }

    /// `schema` compiled, once per address for the life of this value.
    func compiledSchema(_ schema: SchemaReference) -> Result<CompiledSchema, SchemaCompileError> {
        self.compiled.schema(schema, compiler: compiler)
    }

    /// The schema that describes a parameter or header: its `schema`, or that of its single `content` entry.
    static func schema(of schema: SchemaReference?, content: [MediaType]) -> SchemaReference? {
        schema ?? content.first?.schema
    }
}

/// Compiled schemas by address, so a server compiles each schema once rather than looking it up on every request.
final class CompiledSchemaCache: @unchecked Sendable {
    // @unchecked: `entries` is only read and written under `lock`; compiled schemas are immutable and Sendable.
    private let lock = NSLock()
    private var entries: [NodeAddress: Result<CompiledSchema, SchemaCompileError>] = [:]

    func schema(_ reference: SchemaReference, compiler: SchemaCompiler) -> Result<CompiledSchema, SchemaCompileError> {
        if let cached = lock.withLock({ entries[reference.address] }) { return cached }
        let result: Result<CompiledSchema, SchemaCompileError>
        do {
            result = .success(try compiler.compile(reference))
        } catch {
            result = .failure(error)
        }
        lock.withLock { entries[reference.address] = result }
        return result
    }
}
