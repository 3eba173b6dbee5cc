import Foundation
import Testing
import TodoClient

/// The generated clients serialize parameters as the OpenAPI specification's style table shows (its `color`
/// examples: a string, an array and an object).
struct ParameterStyleTests {
    struct Row: Sendable, CustomStringConvertible {
        var style: ParameterStyle
        var explode: Bool
        var primitive: String
        var array: String
        var object: String

        var description: String { "\(style.rawValue) explode=\(explode)" }
    }

    /// The specification's `{"R": 100, "G": 200, "B": 150}`.
    struct RGB: Encodable {
        var red = 100
        var green = 200
        var blue = 150

        enum CodingKeys: String, CodingKey {
            case red = "R"
            case green = "G"
            case blue = "B"
        }
    }

    static let colors = ["blue", "black", "brown"]

    static let pathRows: [Row] = [
        Row(style: .simple, explode: false, primitive: "blue", array: "blue,black,brown", object: "B,150,G,200,R,100"),
        Row(style: .simple, explode: true, primitive: "blue", array: "blue,black,brown", object: "B=150,G=200,R=100"),
        Row(
            style: .label, explode: false, primitive: ".blue", array: ".blue,black,brown", object: ".B,150,G,200,R,100"),
        Row(style: .label, explode: true, primitive: ".blue", array: ".blue.black.brown", object: ".B=150.G=200.R=100"),
        Row(
            style: .matrix, explode: false, primitive: ";color=blue", array: ";color=blue,black,brown",
            object: ";color=B,150,G,200,R,100"),
        Row(
            style: .matrix, explode: true, primitive: ";color=blue",
            array: ";color=blue;color=black;color=brown", object: ";B=150;G=200;R=100"),
    ]

    static let queryRows: [Row] = [
        Row(
            style: .form, explode: false, primitive: "color=blue", array: "color=blue,black,brown",
            object: "color=B,150,G,200,R,100"),
        Row(
            style: .form, explode: true, primitive: "color=blue", array: "color=blue&color=black&color=brown",
            object: "B=150&G=200&R=100"),
        Row(
            style: .spaceDelimited, explode: false, primitive: "color=blue", array: "color=blue%20black%20brown",
            object: "color=B,150,G,200,R,100"),
        Row(
            style: .pipeDelimited, explode: false, primitive: "color=blue", array: "color=blue%7Cblack%7Cbrown",
            object: "color=B,150,G,200,R,100"),
        Row(
            style: .deepObject, explode: true, primitive: "color=blue", array: "color=blue&color=black&color=brown",
            object: "color%5BB%5D=150&color%5BG%5D=200&color%5BR%5D=100"),
    ]

    @Test(arguments: pathRows)
    func pathParameters(_ row: Row) throws {
        #expect(
            try ParameterCoding.path("blue", name: "color", style: row.style, explode: row.explode) == row.primitive)
        #expect(
            try ParameterCoding.path(Self.colors, name: "color", style: row.style, explode: row.explode) == row.array)
        #expect(try ParameterCoding.path(RGB(), name: "color", style: row.style, explode: row.explode) == row.object)
    }

    @Test(arguments: queryRows)
    func queryParameters(_ row: Row) throws {
        for (value, expected) in [
            (AnyEncodable("blue"), row.primitive), (AnyEncodable(Self.colors), row.array),
            (AnyEncodable(RGB()), row.object),
        ] {
            var query = QueryItems()
            try query.append(value, name: "color", style: row.style, explode: row.explode)
            #expect(query.encoded == expected)
        }
    }

    @Test func reservedAndNonASCIICharactersArePercentEncoded() throws {
        var query = QueryItems()
        try query.append("a&b=c d/é", name: "q", style: .form, explode: true)
        #expect(query.encoded == "q=a%26b%3Dc%20d%2F%C3%A9")
        #expect(try ParameterCoding.path("x/y", name: "id", style: .simple, explode: false) == "x%2Fy")
        #expect(try ParameterCoding.header(Date(timeIntervalSince1970: 0), explode: false) == "1970-01-01T00:00:00Z")
        #expect(try ParameterCoding.header(Optional<String>.none, explode: false) == nil)
    }

    @Test func headerValuesDecodeIntoTheirTypes() throws {
        #expect(try ParameterCoding.decodeHeader(Int32.self, from: "42") == 42)
        #expect(try ParameterCoding.decodeHeader(String.self, from: "42") == "42")
        #expect(try ParameterCoding.decodeHeaderArray(Int.self, from: "1, 2,3") == [1, 2, 3])
        #expect(throws: (any Error).self) { try ParameterCoding.decodeHeader(Int.self, from: "many") }
    }
}

/// Lets one table row hold values of different types.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void

    init(_ value: some Encodable) {
        encodeValue = value.encode(to:)
    }

    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
