import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

struct MultipartParserTests {
    static let content = """
        {multipart/form-data: {
          schema: {type: object, properties: {
            name: {type: string}, age: {type: integer}, profile: {type: object},
            avatar: {type: string, format: binary}, tags: {type: array, items: {type: string}},
            scores: {type: array, items: {type: integer}}}},
          encoding: {avatar: {contentType: 'image/png, image/jpeg'}}}}
        """

    static func body(_ parts: [String], boundary: String = "XyZ", close: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts { text += "--\(boundary)\r\n\(part)\r\n" }
        if close { text += "--\(boundary)--\r\n" }
        return Array(text.utf8)
    }

    static func field(_ name: String, _ value: String, headers: String = "") -> String {
        "Content-Disposition: form-data; name=\"\(name)\"\r\n\(headers)\r\n\(value)"
    }

    @Test func decodesPartsByNameTypeAndContentType() {
        let decoder = InlineSpec.bodyDecoder(Self.content)
        var body = Self.body([
            Self.field("name", "Jo Bloggs"),
            Self.field("age", "42"),
            Self.field("profile", #"{"a": [1]}"#, headers: "Content-Type: application/json\r\n"),
            Self.field("tags", "x"),
            Self.field("tags", "y"),
            Self.field("scores", "7", headers: "Content-Type: text/plain; charset=utf-8\r\n"),
            Self.field("note", "free text"),
        ])
        // A file part with bytes that are not UTF-8, and a preamble before the first delimiter.
        let file =
            Array("--XyZ\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a \\\"b\\\".png\"\r\n".utf8)
            + Array("Content-Type: image/png\r\n\r\n".utf8) + [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A] + Array("\r\n".utf8)
        body = Array("preamble\r\n".utf8) + file + body
        let decoded = decoder.decode(contentType: "multipart/form-data; boundary=XyZ", body: body)
        #expect(decoded.issues == [])
        #expect(
            decoded.value
                == json(
                    #"{"avatar": "\u0089PNG\r\n", "name": "Jo Bloggs", "age": 42, "profile": {"a": [1]}, "tags": ["x", "y"], "scores": [7], "note": "free text"}"#
                ))
    }

    @Test func readsQuotedDispositionParameters() {
        let parameters = MultipartParser.dispositionParameters(#"form-data; name="a;b"; filename="c \"d\".png""#)
        #expect(parameters == ["name": "a;b", "filename": #"c "d".png"#])
    }

    struct BadRow: Sendable, CustomTestStringConvertible {
        var contentType: String
        var body: [UInt8]
        var expected: String
        var keyword = "multipart"
        var testDescription: String { expected }
    }

    @Test(arguments: [
        BadRow(
            contentType: "multipart/form-data", body: body([field("name", "a")]),
            expected: "body: expected a boundary parameter in the Content-Type 'multipart/form-data', found none"),
        BadRow(
            contentType: "multipart/form-data; boundary=abc", body: body([field("name", "a")]),
            expected: "body: expected the boundary delimiter '--abc', found '--XyZ'"),
        BadRow(
            contentType: "multipart/form-data; boundary=\"\(String(repeating: "b", count: 71))\"",
            body: body([field("name", "a")]),
            expected: "body: expected a boundary of 1 to 70 characters, found 71 characters"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ",
            body: Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello".utf8),
            expected: "body: expected the boundary delimiter '--XyZ' after part 1, found the end of the body"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ",
            body: body([field("name", "a")], close: false) + Array("--XyZ".utf8),
            expected: "body: expected the closing delimiter '--XyZ--', found the end of the body"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ",
            body: Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"".utf8),
            expected: "body: expected the headers of part 1 to end with an empty line, found the end of the body"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ", body: body(["Content-Type: text/plain\r\n\r\nx"]),
            expected: "body: expected a Content-Disposition header with a name in part 1, found none"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ",
            body: body([field("avatar", "x", headers: "Content-Type: text/plain\r\n")]),
            expected:
                "body/avatar: expected Content-Type 'image/png, image/jpeg' for part 'avatar', found 'text/plain'",
            keyword: "content-type"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ",
            body: body([field("profile", "{", headers: "Content-Type: application/json\r\n")]),
            expected:
                "body/profile: invalid JSON at line 1, column 2: expected a string key, found the end of the input",
            keyword: "json"),
        BadRow(
            contentType: "multipart/form-data; boundary=XyZ", body: body([field("age", "1"), field("age", "2")]),
            expected: "body/age: expected one part named 'age', found 2"),
    ])
    func reportsMalformedMultipartBodies(_ row: BadRow) {
        let decoder = InlineSpec.bodyDecoder(Self.content)
        let decoded = decoder.decode(contentType: row.contentType, body: row.body)
        #expect(decoded.issues.map(\.description) == [row.expected])
        #expect(decoded.issues.map(\.keyword) == [row.keyword])
    }

    @Test func survivesEveryTruncationOfABody() {
        let decoder = InlineSpec.bodyDecoder(Self.content)
        let body = Self.body([Self.field("name", "a"), Self.field("profile", "{}"), Self.field("tags", "t")])
        for length in 1..<body.count {
            let decoded = decoder.decode(
                contentType: "multipart/form-data; boundary=XyZ", body: Array(body.prefix(length)))
            #expect(decoded.value != nil || !decoded.issues.isEmpty)
        }
    }

    @Test func boundsTheNumberOfParts() {
        let decoder = InlineSpec.bodyDecoder(Self.content, configuration: .init(maxMultipartParts: 3))
        let body = Self.body((0..<5).map { Self.field("n\($0)", "x") })
        let decoded = decoder.decode(contentType: "multipart/form-data; boundary=XyZ", body: body)
        #expect(decoded.issues.map(\.description) == ["body: expected at most 3 parts, found more"])
    }
}
