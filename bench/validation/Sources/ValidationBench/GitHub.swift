import Foundation
import GatehouseSpec
import GatehouseJSON
import GatehouseValidation

/// `ValidationBench github SECONDS GITHUB_JSON EXAMPLE:SCHEMA...`: loads the GitHub description, compiles each
/// `#/components/schemas/SCHEMA` (OpenAPI 3.0 dialect), checks the value of `#/components/examples/EXAMPLE` is
/// valid against it, then times `isValid` on that one instance, formats on. Prints one JSON line per pair; the MB/s
/// counts the instance's compact JSON. Then, per pair, the same instance from its compact JSON bytes: parse + isValid
/// (the tree), and `isValid(json:)` (one pass over the bytes). run-github.sh times jsonschema-rs on the same pairs
/// (github_peer.py), from bytes with json.loads.
@MainActor
func benchmarkGitHub(path: String, pairs: [String]) throws {
    let output = try SpecFrontEnd().run(path: path)
    guard let document = output.model?.document else { fatalError("could not read \(path)") }
    let compiler = SchemaCompiler(document: document)
    let options = ValidationOptions(assertFormats: true)
    for pair in pairs {
        let parts = pair.split(separator: ":").map(String.init)
        let (example, name) = (parts[0], parts[1])
        let compiled = try compiler.compile(
            SchemaReference(address: NodeAddress(file: document.rootFile, pointer: JSONPointer("/components/schemas/\(name)")!)))
        guard let instance = document.root.value(at: JSONPointer("/components/examples/\(example)/value")!) else {
            fatalError("no example \(example)")
        }
        let issues = compiled.validate(instance, options: options)
        precondition(issues.isEmpty, "\(example) is invalid against \(name): \(issues.prefix(3))")
        var text = ""
        JSONWriter.write(instance, to: &text, pretty: false)
        let megabytes = Double(text.utf8.count) / 1_000_000
        let bytes = Array(text.utf8)
        // PROFILE=tree or PROFILE=bytes times only that one measurement, for perf.
        switch ProcessInfo.processInfo.environment["PROFILE"] {
        case "tree"?:
            _ = throughput(itemsPerCall: 1) { compiled.isValid(instance, options: options) }
            continue
        case "bytes"?:
            _ = throughput(itemsPerCall: 1) { compiled.isValid(json: bytes, options: options) }
            continue
        default: break
        }
        let rates = [
            ("", throughput(itemsPerCall: 1) { compiled.isValid(instance, options: options) }),
            (
                "from bytes, parse + isValid ",
                throughput(itemsPerCall: 1) {
                    guard let value = try? JSONParser.parse(bytes) else { return false }
                    return compiled.isValid(value, options: options)
                }
            ),
            ("from bytes, one pass ", throughput(itemsPerCall: 1) { compiled.isValid(json: bytes, options: options) }),
        ]
        for (kind, rate) in rates {
            print(
                #"{"name": "\#(kind)\#(name):\#(example)", "bytes": \#(bytes.count), "items_per_s": \#(Int(rate)), "mb_per_s": \#(String(format: "%.1f", rate * megabytes))}"#
            )
        }
    }
}
