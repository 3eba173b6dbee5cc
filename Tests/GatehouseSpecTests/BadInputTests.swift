import Foundation
import GatehouseJSON
import Testing

@testable import GatehouseSpec

/// The hostile and broken inputs of the front end: each gets a diagnostic, never a crash, a hang or runaway memory.
struct BadInputTests {
    @Test func emptyFile() {
        #expect(
            check("").lines == [
                "1:1: error: the document is empty; expected an OpenAPI document with an 'openapi' field [syntax]"
            ])
        #expect(check("# only a comment\n\n").hasErrors)
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[100] = 0
        let output = SpecFrontEnd().run(bytes: bytes, path: "garbage.bin")
        #expect(output.hasErrors)
        #expect(output.diagnostics.first?.rule == "syntax")
        #expect(output.diagnostics.first?.message == "the file is binary (a NUL byte); expected YAML or JSON text")
    }

    @Test func nonUTF8Text() {
        let bytes =
            Array("openapi: 3.0.3\ninfo:\n  title: caf".utf8) + [0xE9] + Array("\n  version: '1'\npaths: {}\n".utf8)
        let output = SpecFrontEnd().run(bytes: bytes, path: "latin1.yaml")
        #expect(
            output.lines == [
                "3:13: error: the file is not valid UTF-8: unexpected byte 0xE9; expected UTF-8 text [syntax]"
            ])
    }

    @Test func fiftyMegabyteFileIsRefusedWithoutLoadingIt() throws {
        let line = Array("# padding padding padding padding padding padding padding padding padding padding\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 * 1024 * 1024 + line.count)
        while bytes.count < 50 * 1024 * 1024 { bytes += line }
        try withTemporaryFiles(["big.yaml": bytes]) { directory in
            let output = try SpecFrontEnd().run(path: directory + "/big.yaml")
            #expect(
                output.lines == [
                    "1:1: error: the file is larger than the limit of 25 MB (--max-file-size) [file-size]"
                ])
            #expect(output.sources.values.allSatisfy { $0.count <= 25 * 1024 * 1024 + 1 })
        }
    }

    @Test func yamlNestedTenThousandLevels() {
        // Block mappings 10,000 deep need 50 MB of indentation (the size limit refuses those); compact sequences
        // reach the same depth in 20 KB.
        let block = "openapi: 3.1.0\nx:\n" + String(repeating: "- ", count: 10_000) + "a\n"
        let blockOutput = check(block)
        #expect(blockOutput.lines == ["3:1999: error: invalid YAML: nesting is deeper than 1000 levels [syntax]"])

        let flow = "openapi: 3.1.0\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let flowOutput = check(flow)
        #expect(flowOutput.hasErrors)
        #expect(flowOutput.diagnostics.first?.rule == "syntax")
    }

    @Test func billionLaughs() {
        var yaml = "openapi: 3.1.0\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let output = check(yaml)
        #expect(output.diagnostics.count == 1)
        #expect(output.diagnostics.first?.rule == "syntax")
        #expect(
            output.diagnostics.first?.message.hasPrefix("invalid YAML: aliases expand to more than 1000000 nodes")
                == true)
    }

    @Test func duplicateMappingKeysReportBothLocations() {
        let yaml = """
            openapi: 3.0.3
            info:
              title: Pets
              version: '1'
              title: Again
            paths: {}
            """
        let output = check(yaml)
        let duplicate = output.diagnostics.first { $0.rule == "duplicate-key" }
        #expect(duplicate?.description == "inline.yaml:5:3: error: duplicate key 'title' in mapping [duplicate-key]")
        #expect(
            duplicate?.notes == [
                Diagnostic.Note(
                    "'title' was first defined here", at: SourceLocation(file: "inline.yaml", line: 3, column: 3))
            ])
    }

    @Test func duplicateKeysInJSONReportBothLocations() {
        let json = #"{"openapi": "3.0.3", "info": {"title": "A", "version": "1", "title": "B"}, "paths": {}}"#
        let output = SpecFrontEnd().run(bytes: Array(json.utf8), path: "dup.json")
        let duplicate = output.diagnostics.first { $0.rule == "duplicate-key" }
        #expect(duplicate?.description == "dup.json:1:61: error: duplicate key 'title' in object [duplicate-key]")
        #expect(duplicate?.notes.first?.location == SourceLocation(file: "dup.json", line: 1, column: 31))
    }

    @Test func refToAMissingFile() throws {
        let root = """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /pets:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            $ref: 'schemas/missing.yaml#/Pet'
            """
        try withTemporaryFiles(["root.yaml": root]) { directory in
            let output = try SpecFrontEnd().run(path: directory + "/root.yaml")
            let unresolved = output.diagnostics.filter { $0.rule == "unresolved-ref" }
            #expect(unresolved.count == 1)
            #expect(unresolved.first?.location?.line == 12)
            #expect(unresolved.first?.message.contains("schemas/missing.yaml") == true)
        }
    }

    @Test func refCycleThroughTwoFilesIsReportedNotFollowedForever() throws {
        let root = """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                A:
                  $ref: 'b.yaml#/B'
            """
        let other = "B:\n  $ref: 'root.yaml#/components/schemas/A'\n"
        try withTemporaryFiles(["root.yaml": root, "b.yaml": other]) { directory in
            let output = try SpecFrontEnd().run(path: directory + "/root.yaml")
            #expect(output.diagnostics.contains { $0.rule == "ref-cycle" && $0.severity == .error })
        }
    }

    @Test func recursiveSchemaThroughPropertiesLoads() throws {
        let root = """
            openapi: 3.0.3
            info: {title: T, version: '1'}
            paths:
              /nodes:
                get:
                  responses:
                    '200':
                      description: a tree
                      content:
                        application/json:
                          schema:
                            $ref: 'node.yaml#/Node'
            """
        let node = """
            Node:
              type: object
              properties:
                children:
                  type: array
                  items:
                    $ref: '#/Node'
                parent:
                  $ref: 'node.yaml#/Node'
            """
        try withTemporaryFiles(["root.yaml": root, "node.yaml": node]) { directory in
            let output = try SpecFrontEnd().run(path: directory + "/root.yaml")
            #expect(output.lines == [])
            #expect(output.model?.operations.count == 1)
        }
    }

    @Test func documentThatIsAJSONArray() {
        let output = SpecFrontEnd().run(bytes: Array("[{\"openapi\": \"3.1.0\"}]".utf8), path: "array.json")
        #expect(
            output.lines == [
                "1:1: error: expected a mapping at the root of an OpenAPI document, found an array [structure]"
            ])
    }

    @Test func swaggerTwoNamesTheVersionsAccepted() {
        let output = check("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n")
        #expect(
            output.lines == [
                "1:10: error: Swagger 2.0 documents are not supported; expected an OpenAPI 3.0.x or 3.1.x document (convert it with a Swagger-to-OpenAPI converter first) [version]"
            ])
    }

    @Test func unterminatedYAMLGivesItsPosition() {
        let output = check("openapi: 3.1.0\ninfo:\n  title: \"unterminated\n")
        #expect(output.diagnostics.first?.rule == "syntax")
        #expect(output.diagnostics.first?.location?.line == 4)
    }
}
