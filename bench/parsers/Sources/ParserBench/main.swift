import Foundation
import GatehouseSpec
import GatehouseJSON
import OpenAPIKit30
import Yams

/// Median wall time of `runs` calls, after one warm-up.
func median(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return times.sorted()[times.count / 2]
}

func ms(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }

let testdata = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../../../shared/testdata/real-world"
let runs = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5 : 5

print("| file | task | library | Gatehouse | ratio |")
print("|---|---|---|---|---|")
for name in ["github.json", "stripe.json"] {
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(testdata)/\(name)"))
    let bytes = [UInt8](data)
    let library = try median(runs: runs) { _ = try JSONSerialization.jsonObject(with: data) }
    let ours = median(runs: runs) { _ = SpecFileReader().parse(bytes, path: name) }
    print(
        "| \(name) | parse to a tree | JSONSerialization \(ms(library)) (no positions) | \(ms(ours)) (with source map) | \(String(format: "%.1fx", library / ours)) |"
    )
}
for name in ["github.yaml", "stripe.yaml"] {
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(testdata)/\(name)"))
    let text = String(decoding: data, as: UTF8.self)
    let bytes = [UInt8](data)
    let library = try median(runs: runs) { _ = try Yams.compose(yaml: text) }
    let ours = median(runs: runs) { _ = SpecFileReader().parse(bytes, path: name) }
    print(
        "| \(name) | parse to a tree | Yams.compose \(ms(library)) (marks, no pointers) | \(ms(ours)) (with source map) | \(String(format: "%.1fx", library / ours)) |"
    )
}
for name in ["github.json", "stripe.json"] {
    let path = "\(testdata)/\(name)"
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var decodeError = ""
    let library = median(runs: runs) {
        do {
            _ = try JSONDecoder().decode(OpenAPIKit30.OpenAPI.Document.self, from: data)
        } catch {
            decodeError = " (threw: \(String(describing: error).prefix(80)))"
        }
    }
    let ours = try median(runs: runs) { _ = try SpecFrontEnd().run(path: path) }
    print(
        "| \(name) | read + structure + model | OpenAPIKit30 decode \(ms(library))\(decodeError) | \(ms(ours)) (whole front end, all rules) | \(String(format: "%.1fx", library / ours)) |"
    )
}
