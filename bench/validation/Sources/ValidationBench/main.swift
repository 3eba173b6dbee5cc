import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseValidation

// Usage: ValidationBench [TESTDATA_DIR] [SECONDS]
//        ValidationBench github SECONDS GITHUB_JSON EXAMPLE:SCHEMA...   (GitHub.swift, run by run-github.sh)
// Prints one JSON line per measurement: {"name", "items_per_s", "mb_per_s"}.
let testdata = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../../../shared/testdata/bench-validation"
let seconds = CommandLine.arguments.count > 2 ? Double(CommandLine.arguments[2]) ?? 3 : 3

func load(_ name: String) throws -> (bytes: [UInt8], value: JSONValue) {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(testdata)/\(name)")))
    return (bytes, try JSONParser.parse(bytes))
}

/// Runs `body` (which handles `itemsPerCall` items) repeatedly for about `seconds`; the best of five rounds.
func throughput(itemsPerCall: Int, _ body: () -> Bool) -> Double {
    var ok = true
    for _ in 0..<20 { ok = body() && ok }
    precondition(ok, "the benchmark instance must be valid")
    var best = 0.0
    for _ in 0..<5 {
        var calls = 0
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 200))
        var now = start
        while now < deadline {
            for _ in 0..<10 { ok = body() && ok }
            calls += 10
            now = ContinuousClock.now
        }
        let elapsed = now - start
        let time = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = max(best, Double(calls * itemsPerCall) / time)
    }
    precondition(ok)
    return best
}

if testdata == "github" {
    try benchmarkGitHub(path: CommandLine.arguments[3], pairs: Array(CommandLine.arguments.dropFirst(4)))
    exit(0)
}

let schema = try load("repository.schema.json")
let instance = try load("repositories-100.json")
guard case .array(let items) = instance.value else {
    print("expected an array instance")
    exit(1)
}
let megabytes = Double(instance.bytes.count) / 1_000_000
let compiler = SchemaCompiler(dialect: .draft2020_12)
let compiled = try compiler.compile(schema.value, baseURI: "https://example.com/schemas/repository.json")

func report(_ name: String, _ itemsPerSecond: Double) {
    let mbPerSecond = itemsPerSecond / Double(items.count) * megabytes
    print(
        #"{"name": "\#(name)", "items_per_s": \#(Int(itemsPerSecond)), "mb_per_s": \#(String(format: "%.1f", mbPerSecond))}"#
    )
}

// PROFILE=1 runs only the first measurement, for perf.
let profiling = ProcessInfo.processInfo.environment["PROFILE"] != nil
for assertFormats in profiling ? [true] : [true, false] {
    let options = ValidationOptions(assertFormats: assertFormats)
    let rate = throughput(itemsPerCall: items.count) {
        var valid = true
        for item in items where !compiled.isValid(item, options: options) { valid = false }
        return valid
    }
    report("gatehouse isValid, formats \(assertFormats ? "on" : "off")", rate)
}
if profiling { exit(0) }
let collecting = throughput(itemsPerCall: items.count) {
    var valid = true
    for item in items where !compiled.validate(item).isEmpty { valid = false }
    return valid
}
report("gatehouse validate (all issues), formats on", collecting)
let parsed = throughput(itemsPerCall: items.count) {
    guard case .array(let fresh)? = try? JSONParser.parse(instance.bytes) else { return false }
    var valid = true
    for item in fresh where !compiled.isValid(item) { valid = false }
    return valid
}
report("gatehouse parse + isValid from bytes, formats on", parsed)
// The same bytes in one pass (`isValid(json:)`), against repositories.schema.json: the array of the same
// repository schema, so the whole array is validated as jsonschema-rs validates the items json.loads gives.
let arraySchema = try load("repositories.schema.json")
let arrayCompiled = try compiler.compile(arraySchema.value, baseURI: "https://example.com/schemas/repositories.json")
let onePass = throughput(itemsPerCall: items.count) { arrayCompiled.isValid(json: instance.bytes) }
report("gatehouse isValid(json:) from bytes in one pass, formats on", onePass)
