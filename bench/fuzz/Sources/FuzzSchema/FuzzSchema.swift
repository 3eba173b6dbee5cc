import FuzzSupport
import GatehouseJSON
import GatehouseValidation

/// The schema compiler and validator on a random schema and instance (two JSON texts split at a 0x00 byte), in each
/// dialect: a compile error or a verdict, never a crash or a hang; the fast path (`isValid`) and the reporting path
/// (`validate`) agree.
func fuzzSchema(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = FuzzInput(start, count, parts: 2)
    guard let schema = try? JSONParser.parse(input.parts[0]), let instance = try? JSONParser.parse(input.parts[1])
    else { return 0 }
    for dialect in [SchemaDialect.openAPI30, .openAPI31] {
        guard let compiled = try? SchemaCompiler(dialect: dialect).compile(schema) else { continue }
        for direction in [ValidationOptions.Direction?.none, .request, .response] {
            let options = ValidationOptions(direction: direction)
            let valid = compiled.isValid(instance, options: options)
            let issues = compiled.validate(instance, options: options)
            invariant(valid == issues.isEmpty, "isValid says \(valid) but validate found \(issues)")
        }
    }
    return 0
}

@main
struct FuzzSchemaMain {
    static func main() {
        runFuzzer { start, count in fuzzSchema(start, count) }
    }
}
