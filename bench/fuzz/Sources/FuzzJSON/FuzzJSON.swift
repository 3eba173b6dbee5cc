import FuzzSupport
import GatehouseJSON

/// The JSON parser on any bytes: an error or a value, never a crash or a hang; a value written back parses to the
/// same value.
func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = FuzzInput(start, count, parts: 1)
    guard let value = try? JSONParser.parse(input.parts[0]) else { return 0 }
    let written = JSONWriter.string(value)
    let again = try? JSONParser.parse(Array(written.utf8))
    invariant(again == value, "'\(written)' does not parse back to the value it was written from")
    return 0
}

@main
struct FuzzJSONMain {
    static func main() {
        runFuzzer { start, count in fuzzJSON(start, count) }
    }
}
