import FuzzSupport
import GatehouseSpec

/// The spec front end on any bytes, as YAML and as JSON: diagnostics or a model, never a crash or a hang; every
/// diagnostic that has a location points inside the input.
func fuzzSpec(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = FuzzInput(start, count, parts: 1)
    let lines = lineCount(input.parts[0])
    for path in ["fuzz.yaml", "fuzz.json"] {
        let output = SpecFrontEnd().run(bytes: input.parts[0], path: path)
        for diagnostic in output.diagnostics {
            guard let location = diagnostic.location, location.file == path else { continue }
            invariant(
                location.line >= 1 && location.line <= lines, "\(diagnostic) is outside the \(lines)-line input")
        }
    }
    return 0
}

@main
struct FuzzSpecMain {
    static func main() {
        runFuzzer { start, count in fuzzSpec(start, count) }
    }
}

/// Lines as YAML and editors count them: `\r\n`, a lone `\r` and `\n` each end one.
func lineCount(_ bytes: [UInt8]) -> Int {
    var count = 1
    var index = 0
    while index < bytes.count {
        if bytes[index] == 0x0D {
            count += 1
            if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
        } else if bytes[index] == 0x0A {
            count += 1
        }
        index += 1
    }
    return count
}
