import GatehouseJSON
import Testing

@testable import GatehouseSpec

struct YAMLReaderTests {
    @Test func resolvesScalarsByTheCoreSchema() throws {
        let yaml = """
            a: null
            b: ~
            c: true
            d: False
            e: 42
            f: -1.5
            g: 0x1F
            h: "42"
            i: yes
            j: 3.0.3
            k: !!str 12
            l:
            200: ok
            """
        let value = try YAMLReader.read(Array(yaml.utf8)).value
        #expect(value["a"] == .null)
        #expect(value["b"] == .null)
        #expect(value["c"] == .bool(true))
        #expect(value["d"] == .bool(false))
        #expect(value["e"] == .number(JSONNumber(42)))
        #expect(value["f"]?.numberValue?.double == -1.5)
        #expect(value["g"] == .number(JSONNumber(31)))
        #expect(value["h"] == .string("42"))
        #expect(value["i"] == .string("yes"))
        #expect(value["j"] == .string("3.0.3"))
        #expect(value["k"] == .string("12"))
        #expect(value["l"] == .null)
        #expect(value["200"] == .string("ok"))
    }

    @Test func mapsPointersToLinesAndColumns() throws {
        let yaml = "paths:\n  /pets:\n    get:\n      operationId: listPets\n"
        let result = try YAMLReader.read(Array(yaml.utf8))
        let file = SourceFile(path: "p.yaml", bytes: Array(yaml.utf8), root: result.value, sourceMap: result.map)
        #expect(file.location(of: JSONPointer("/paths/~1pets/get/operationId")!).description == "p.yaml:4:20")
        #expect(file.location(of: JSONPointer("/paths/~1pets/get/operationId")!, key: true).description == "p.yaml:4:7")
        #expect(file.location(of: JSONPointer("/paths/~1pets")!, key: true).description == "p.yaml:2:3")
    }

    @Test func expandsAliasesAndPointsThemAtTheAnchor() throws {
        let yaml = "base: &b\n  type: string\ncopy: *b\nafter: 1\n"
        let result = try YAMLReader.read(Array(yaml.utf8))
        #expect(result.value["copy"] == result.value["base"])
        let file = SourceFile(path: "a.yaml", bytes: Array(yaml.utf8), root: result.value, sourceMap: result.map)
        #expect(file.location(of: JSONPointer("/copy/type")!).description == "a.yaml:2:9")
        #expect(file.location(of: JSONPointer("/after")!).description == "a.yaml:4:8")
    }

    @Test func refusesAnAliasBomb() {
        var yaml = "a0: [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        yaml = yaml.replacingOccurrences(of: "a0: [", with: "a0: &a0 [")
        do {
            _ = try YAMLReader.read(Array(yaml.utf8))
            Issue.record("expected the alias bomb to be refused")
        } catch {
            #expect(error.message.hasPrefix("aliases expand to more than 1000000 nodes"))
        }
    }

    /// libyaml puts an error at the end of an input without a final line break on the line after it; the reader
    /// moves it to the end of the last line, where an editor can go (found by bench/fuzz's FuzzSpec).
    @Test(arguments: [("{\"a\": {b", 1, 9), ("a: 1\r\nb: [x", 2, 6), ("a: 1\rb: {x: y", 2, 9)])
    func anErrorAtTheEndIsOnTheLastLine(yaml: String, line: Int, column: Int) {
        do {
            _ = try YAMLReader.read(Array(yaml.utf8))
            Issue.record("expected '\(yaml)' to be refused")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.column == column, "\(error)")
        }
    }

    @Test func reportsEveryDuplicateKeyWithBothLocations() throws {
        let yaml = "a: 1\nb:\n  c: 2\n  c: 3\na: 4\n"
        let result = try YAMLReader.read(Array(yaml.utf8))
        #expect(result.duplicates.map(\.key) == ["c", "a"])
        #expect(result.duplicates[0].line == 4 && result.duplicates[0].firstLine == 3)
        #expect(result.duplicates[1].line == 5 && result.duplicates[1].firstLine == 1)
        #expect(result.value["a"] == .number(JSONNumber(1)))
    }

    @Test func refusesASecondDocument() {
        #expect(throws: YAMLReader.Failure.self) { try YAMLReader.read(Array("a: 1\n---\nb: 2\n".utf8)) }
    }
}
