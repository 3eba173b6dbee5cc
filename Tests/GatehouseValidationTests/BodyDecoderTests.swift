import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

struct BodyDecoderTests {
    struct SelectionRow: Sendable, CustomTestStringConvertible {
        var contentType: String
        var selected: String
        var testDescription: String { "\(contentType) selects \(selected)" }
    }

    @Test(arguments: [
        SelectionRow(contentType: "application/json", selected: "application/json"),
        SelectionRow(contentType: "application/json; charset=utf-8", selected: "application/json"),
        SelectionRow(contentType: "Application/JSON", selected: "application/json"),
        SelectionRow(contentType: "application/problem+json", selected: "application/*+json"),
        SelectionRow(contentType: "text/csv", selected: "text/*"),
        SelectionRow(contentType: "text/plain", selected: "text/plain"),
        SelectionRow(contentType: "text/plain; charset=UTF-8", selected: "text/plain; charset=utf-8"),
        SelectionRow(contentType: "text/plain; charset=iso-8859-1", selected: "text/plain"),
        SelectionRow(contentType: "image/png", selected: "*/*"),
    ])
    func selectsTheMostSpecificDeclaredMediaType(_ row: SelectionRow) {
        let decoder = InlineSpec.bodyDecoder(
            """
            {'*/*': {}, 'text/*': {}, 'application/*+json': {}, 'text/plain; charset=utf-8': {}, text/plain: {},
             application/json: {}}
            """)
        let decoded = decoder.decode(contentType: row.contentType, body: Array("1".utf8))
        #expect(decoded.mediaType?.name == row.selected)
    }

    struct IssueRow: Sendable, CustomTestStringConvertible {
        var contentType: String?
        var body: [UInt8]?
        var expected: String
        var keyword: String
        var testDescription: String { expected }

        init(_ contentType: String?, _ body: String?, _ expected: String, keyword: String = "json") {
            self.contentType = contentType
            self.body = body.map { Array($0.utf8) }
            self.expected = expected
            self.keyword = keyword
        }

        init(_ contentType: String?, bytes: [UInt8], _ expected: String, keyword: String) {
            self.contentType = contentType
            self.body = bytes
            self.expected = expected
            self.keyword = keyword
        }
    }

    static let deepJSON = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)

    @Test(arguments: [
        IssueRow(
            "application/json", #"{"a": 1"#,
            "body: invalid JSON at line 1, column 8: expected ',' or '}' in object, found the end of the input"),
        IssueRow(
            "application/json", #"{"a": 1} x"#,
            "body: invalid JSON at line 1, column 10: expected the end of the input after the JSON value, found 'x'"),
        IssueRow(
            "application/json", #"{"a": "\uD800"}"#,
            #"body: invalid JSON at line 1, column 8: lone surrogate \uD800 in string"#),
        IssueRow(
            "application/json", deepJSON, "body: invalid JSON at line 1, column 129: nesting is deeper than 128 levels"),
        IssueRow(
            "application/json", #"{"a": 1e400}"#, "body: invalid JSON at line 1, column 7: number 1e400 is out of range"
        ),
        IssueRow(
            "application/json", #"{"a": 1, "a": 2}"#,
            "body: invalid JSON at line 1, column 10: duplicate key 'a' in object"),
        IssueRow(
            "application/json", "{\n  \"a\": tru\n}",
            "body: invalid JSON at line 2, column 8: expected a JSON value, found 't'"),
        IssueRow(
            "application/json; charset=utf-16", "{}", "body: expected JSON encoded as UTF-8, found charset 'utf-16'",
            keyword: "encoding"),
        IssueRow(
            "text/csv", "a,b",
            "header.Content-Type: expected Content-Type 'application/json' or 'text/plain', found 'text/csv'",
            keyword: "content-type"),
        IssueRow(
            "nonsense", "{}",
            "header.Content-Type: expected a Content-Type such as 'application/json' or 'text/plain', found 'nonsense'",
            keyword: "content-type"),
        IssueRow(
            nil, "{}",
            "header.Content-Type: expected a Content-Type header of 'application/json' or 'text/plain', found none",
            keyword: "content-type"),
        IssueRow("application/json", nil, "body: expected a request body, found none", keyword: "required-body"),
        IssueRow("application/json", "", "body: expected a request body, found none", keyword: "required-body"),
        IssueRow(
            "text/plain", bytes: [0x68, 0x69, 0xC3],
            "body: expected UTF-8 text, found an invalid byte sequence at byte 3",
            keyword: "encoding"),
        IssueRow(
            "text/plain; charset=shift_jis", "x",
            "body: expected text in charset 'utf-8', 'us-ascii' or 'iso-8859-1', found 'shift_jis'", keyword: "encoding"
        ),
    ])
    func reportsBadBodies(_ row: IssueRow) {
        let decoder = InlineSpec.bodyDecoder("{application/json: {schema: {type: object}}, text/plain: {}}")
        let decoded = decoder.decode(contentType: row.contentType, body: row.body)
        #expect(decoded.issues.map(\.description) == [row.expected])
        #expect(decoded.issues.map(\.keyword) == [row.keyword])
        #expect(decoded.value == nil)
    }

    struct ValueRow: Sendable, CustomTestStringConvertible {
        var content: String
        var contentType: String
        var body: [UInt8]
        var expected: JSONValue
        var version = "3.1.0"
        var testDescription: String { "\(contentType) gives \(expected)" }
    }

    @Test(arguments: [
        ValueRow(
            content: "{application/json: {schema: {type: object}}}", contentType: "application/json; charset=UTF-8",
            body: Array(#"{"a": [1, 2.5, "x", null, true]}"#.utf8), expected: json(#"{"a": [1, 2.5, "x", null, true]}"#)
        ),
        ValueRow(
            content: "{'application/*+json': {}}", contentType: "application/merge-patch+json",
            body: Array(#"{"a": null}"#.utf8), expected: json(#"{"a": null}"#)),
        ValueRow(
            content: "{text/plain: {schema: {type: string}}}", contentType: "text/plain", body: Array("héllo".utf8),
            expected: .string("héllo")),
        ValueRow(
            content: "{text/plain: {}}", contentType: "text/plain; charset=iso-8859-1", body: [0x63, 0x61, 0x66, 0xE9],
            expected: .string("café")),
        ValueRow(
            content: "{application/octet-stream: {}}", contentType: "application/octet-stream",
            body: [0x00, 0xFF, 0x0A],
            expected: .string("\u{00}\u{FF}\n")),
        ValueRow(
            content: "{application/octet-stream: {schema: {type: string, format: byte}}}",
            contentType: "application/octet-stream", body: Array("aGVsbG8=".utf8), expected: .string("aGVsbG8="),
            version: "3.0.3"),
        ValueRow(
            content: "{'image/*': {schema: {type: string, contentEncoding: base64}}}", contentType: "image/png",
            body: Array("iVBORw0=".utf8), expected: .string("iVBORw0=")),
        ValueRow(
            content: """
                {application/x-www-form-urlencoded: {
                  schema: {type: object, properties: {name: {type: string}, age: {type: integer},
                    tags: {type: array, items: {type: string}}, meta: {type: object},
                    point: {type: object, properties: {x: {type: number}}},
                    ids: {type: array, items: {type: integer}}}},
                  encoding: {point: {style: deepObject, explode: true}, ids: {style: form, explode: false}}}}
                """,
            contentType: "application/x-www-form-urlencoded",
            body: Array("name=Jo+Bloggs&age=42&tags=a&tags=b&meta=%7B%22a%22%3A1%7D&point[x]=1.5&ids=1,2&extra=z".utf8),
            expected: json(
                #"{"name": "Jo Bloggs", "age": 42, "tags": ["a", "b"], "meta": {"a": 1}, "point": {"x": 1.5}, "ids": [1, 2], "extra": "z"}"#
            )),
    ])
    func decodesEachMediaType(_ row: ValueRow) {
        let decoder = InlineSpec.bodyDecoder(row.content, version: row.version)
        let decoded = decoder.decode(contentType: row.contentType, body: row.body)
        #expect(decoded.issues == [])
        #expect(decoded.value == row.expected)
    }

    @Test func acceptsAMissingOptionalBody() {
        let decoder = InlineSpec.bodyDecoder("{application/json: {}}", required: false)
        let decoded = decoder.decode(contentType: nil, body: nil)
        #expect(decoded.issues == [])
        #expect(decoded.value == nil)
    }

    /// Produces a 100 MB body lazily, counting how much of it was asked for.
    final class HugeBody: Sequence {
        static let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024)
        static let chunkCount = 1600
        var produced = 0

        func makeIterator() -> AnyIterator<[UInt8]> {
            AnyIterator {
                guard self.produced < Self.chunkCount else { return nil }
                self.produced += 1
                return Self.chunk
            }
        }
    }

    @Test func refusesA100MegabyteBodyByItsContentLengthWithoutReadingIt() {
        let decoder = InlineSpec.bodyDecoder(
            "{application/octet-stream: {}}", configuration: .init(maxBodyBytes: 1024 * 1024))
        let body = HugeBody()
        let decoded = decoder.decode(
            contentType: "application/octet-stream", contentLength: 100 * 1024 * 1024, chunks: body)
        #expect(
            decoded.issues.map(\.description) == [
                "body: expected a body of at most 1048576 bytes, found a Content-Length of 104857600 bytes"
            ])
        #expect(decoded.issues.map(\.keyword) == ["body-size"])
        #expect(body.produced == 0)
    }

    @Test func stopsReadingA100MegabyteBodyWithoutContentLengthAtTheLimit() {
        let decoder = InlineSpec.bodyDecoder(
            "{application/octet-stream: {}}", configuration: .init(maxBodyBytes: 1024 * 1024))
        let body = HugeBody()
        let decoded = decoder.decode(contentType: "application/octet-stream", chunks: body)
        #expect(decoded.issues.map(\.description) == ["body: expected a body of at most 1048576 bytes, found more"])
        #expect(body.produced == 17)
    }

    @Test func admitsOnlyDeclaredContentTypesBeforeReading() {
        let decoder = InlineSpec.bodyDecoder("{application/json: {}}")
        #expect(decoder.admit(contentType: "application/json", contentLength: 10) == [])
        #expect(
            decoder.admit(contentType: "application/xml", contentLength: 10).map(\.description) == [
                "header.Content-Type: expected Content-Type 'application/json', found 'application/xml'"
            ])
    }

    @Test func followsRecursiveAndWidelySharedSchemasWithoutBlowingUp() {
        // Thirty schemas, each with five properties referring to the next: 5^30 paths, 30 schemas.
        let chain = (0..<30).map { index in
            let next = index == 29 ? "{type: integer}" : "{$ref: '#/components/schemas/S\(index + 1)'}"
            return "S\(index): {type: object, properties: {a: \(next), b: \(next), c: \(next), d: \(next), e: \(next)}}"
        }
        let node =
            "Node: {type: object, properties: {n: {type: integer}, kids: {type: array, items: {$ref: '#/components/schemas/Node'}}}}"
        let components = "{schemas: {\((chain + [node]).joined(separator: ", "))}}"
        let decoder = InlineSpec.bodyDecoder(
            """
            {application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/S0'}},
             application/xml: {schema: {$ref: '#/components/schemas/Node'}}}
            """, components: components)
        let form = decoder.decode(contentType: "application/x-www-form-urlencoded", body: Array("a=%7B%7D".utf8))
        #expect(form.value == json(#"{"a": {}}"#))
        let xml = decoder.decode(
            contentType: "application/xml",
            body: Array("<Node><n>1</n><kids><n>2</n></kids><kids><n>3</n></kids></Node>".utf8))
        #expect(xml.issues == [])
        #expect(xml.value == json(#"{"n": 1, "kids": [{"n": 2}, {"n": 3}]}"#))
    }

    @Test func decodesAFormBodyWithAHundredThousandFields() {
        let decoder = InlineSpec.bodyDecoder("{application/x-www-form-urlencoded: {schema: {type: object}}}")
        let body = (0..<100_000).map { "f\($0)=\($0)" }.joined(separator: "&")
        let decoded = decoder.decode(contentType: "application/x-www-form-urlencoded", body: Array(body.utf8))
        #expect(decoded.issues == [])
        #expect(decoded.value?.objectValue?.count == 100_000)
        #expect(decoded.value?["f99999"] == .string("99999"))
    }
}
