import Foundation
import GatehouseJSON
import Testing

/// `JSONWriter.bytes` (what answers and stored items are written with) gives exactly the text of
/// `JSONWriter.string`, and that text reads back as the value it was written from.
struct JSONWriterTests {
    @Test(arguments: [
        "plain", "", "quote \" and backslash \\", "line\nbreak\rreturn\ttab", "\u{08}\u{0C}",
        "\u{00}\u{01}\u{1F} controls", "é ü 😀 and \u{7F}", "mixed 😀 \"quoted\" \u{1F}",
    ])
    func stringsAreEscapedAsTheStringWriterEscapesThem(_ text: String) throws {
        let value = JSONValue.object(JSONObject([text: .array([.string(text), .null, .bool(false)])]))
        let bytes = JSONWriter.bytes(value)
        #expect(bytes == Array(JSONWriter.string(value).utf8))
        #expect(try JSONParser.parse(bytes) == value)
    }

    @Test func everyDocumentOfTheJSONSchemaTestSuiteIsWrittenTheSameWay() throws {
        let directory = TestPaths.testdata + "/json-schema-test-suite/tests/draft2020-12"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        #expect(files.count > 40)
        for file in files {
            let value = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))))
            let bytes = JSONWriter.bytes(value)
            #expect(bytes == Array(JSONWriter.string(value).utf8), "\(file)")
            #expect(try JSONParser.parse(bytes) == value, "\(file)")
        }
    }
}
