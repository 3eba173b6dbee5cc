import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// The synthesized instance of one response schema, made the first time it is needed and kept.
///
/// Synthesizing is the costly part of preparing mocks (most of the start-up time on the GitHub spec), and a response
/// with a valid example needs its instance only for `Prefer: dynamic=true`, so those are made on first use.
///
/// `@unchecked Sendable`: the one mutable member is read and written only under `lock`.
final class MockInstanceCache: @unchecked Sendable {
    let schema: CompiledSchema
    private let synthesizer: ExampleSynthesizer
    private let lock = NSLock()
    /// Nil until made; then the instance, or `.some(nil)` when none could be synthesized.
    private var made: JSONValue??

    init(schema: CompiledSchema, synthesizer: ExampleSynthesizer, made: JSONValue?? = nil) {
        self.schema = schema
        self.synthesizer = synthesizer
        self.made = made
    }

    /// The instance, valid against the schema; nil when the synthesizer finds none.
    var instance: JSONValue? {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = synthesizer.example(for: schema).flatMap { value in
            schema.isValid(value, options: ValidationOptions(direction: .response)) ? value : nil
        }
        made = .some(value)
        return value
    }
}
