import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

extension JSONValue {
    static let blue: JSONValue = .string("blue")
    static let colors: JSONValue = .array([.string("blue"), .string("black"), .string("brown")])
    static let rgb: JSONValue = .object(
        JSONObject(["R": .number(JSONNumber(100)), "G": .number(JSONNumber(200)), "B": .number(JSONNumber(150))]))
}

/// One entry of the OpenAPI 3.1 specification's style examples table (plus the locations each style serves).
struct StyleExample: Sendable, CustomTestStringConvertible {
    enum Value: String, Sendable {
        case empty
        case string
        case array
        case object

        var schema: String {
            switch self {
            case .empty, .string: return "{type: string}"
            case .array: return "{type: array, items: {type: string}}"
            case .object:
                return "{type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}}"
            }
        }

        var expected: JSONValue {
            switch self {
            case .empty: return .string("")
            case .string: return .blue
            case .array: return .colors
            case .object: return .rgb
            }
        }
    }

    var style: String
    var explode: Bool
    var location: ParameterLocation
    var value: Value
    var raw: String

    init(_ style: String, _ explode: Bool, _ value: Value, _ raw: String, in location: ParameterLocation? = nil) {
        self.style = style
        self.explode = explode
        self.value = value
        self.raw = raw
        switch style {
        case "matrix", "label", "simple": self.location = location ?? .path
        default: self.location = location ?? .query
        }
    }

    var testDescription: String { "\(style) explode=\(explode) \(value.rawValue) in \(location.rawValue): \(raw)" }

    var request: RawRequestParts {
        switch location {
        case .path: return RawRequestParts(pathCaptures: ["color": raw])
        case .query: return RawRequestParts(query: raw)
        case .header: return RawRequestParts(headers: [("Color", raw)])
        case .cookie: return RawRequestParts(headers: [("Cookie", raw)])
        }
    }

    static let table: [StyleExample] = [
        .init("matrix", false, .empty, ";color"),
        .init("matrix", false, .string, ";color=blue"),
        .init("matrix", false, .array, ";color=blue,black,brown"),
        .init("matrix", false, .object, ";color=R,100,G,200,B,150"),
        .init("matrix", true, .empty, ";color"),
        .init("matrix", true, .string, ";color=blue"),
        .init("matrix", true, .array, ";color=blue;color=black;color=brown"),
        .init("matrix", true, .object, ";R=100;G=200;B=150"),
        .init("label", false, .empty, "."),
        .init("label", false, .string, ".blue"),
        .init("label", false, .array, ".blue.black.brown"),
        .init("label", false, .object, ".R.100.G.200.B.150"),
        .init("label", true, .empty, "."),
        .init("label", true, .string, ".blue"),
        .init("label", true, .array, ".blue.black.brown"),
        .init("label", true, .object, ".R=100.G=200.B=150"),
        .init("form", false, .empty, "color="),
        .init("form", false, .string, "color=blue"),
        .init("form", false, .array, "color=blue,black,brown"),
        .init("form", false, .object, "color=R,100,G,200,B,150"),
        .init("form", true, .empty, "color="),
        .init("form", true, .string, "color=blue"),
        .init("form", true, .array, "color=blue&color=black&color=brown"),
        .init("form", true, .object, "R=100&G=200&B=150"),
        .init("simple", false, .string, "blue"),
        .init("simple", false, .array, "blue,black,brown"),
        .init("simple", false, .object, "R,100,G,200,B,150"),
        .init("simple", true, .string, "blue"),
        .init("simple", true, .array, "blue,black,brown"),
        .init("simple", true, .object, "R=100,G=200,B=150"),
        .init("spaceDelimited", false, .array, "color=blue%20black%20brown"),
        .init("spaceDelimited", false, .object, "color=R%20100%20G%20200%20B%20150"),
        .init("pipeDelimited", false, .array, "color=blue|black|brown"),
        .init("pipeDelimited", false, .object, "color=R|100|G|200|B|150"),
        .init("deepObject", true, .object, "color[R]=100&color[G]=200&color[B]=150"),
    ]

    /// The same serializations where the specification allows them elsewhere, and the variants clients send.
    static let otherLocations: [StyleExample] = [
        .init("simple", false, .string, "blue", in: .header),
        .init("simple", false, .array, "blue, black, brown", in: .header),
        .init("simple", false, .object, "R,100,G,200,B,150", in: .header),
        .init("simple", true, .string, "blue", in: .header),
        .init("simple", true, .array, "blue,black,brown", in: .header),
        .init("simple", true, .object, "R=100,G=200,B=150", in: .header),
        .init("form", false, .string, "color=blue", in: .cookie),
        .init("form", false, .array, "color=blue,black,brown", in: .cookie),
        .init("form", false, .object, "color=R,100,G,200,B,150", in: .cookie),
        .init("form", true, .string, "color=blue", in: .cookie),
        .init("form", true, .object, "R=100; G=200; B=150", in: .cookie),
        .init("label", false, .array, ".blue,black,brown"),
        .init("label", false, .object, ".R,100,G,200,B,150"),
        .init("spaceDelimited", false, .array, "color=blue+black+brown"),
        .init("pipeDelimited", false, .array, "color=blue%7Cblack%7Cbrown"),
        .init("spaceDelimited", true, .array, "color=blue&color=black&color=brown"),
        .init("pipeDelimited", true, .array, "color=blue&color=black&color=brown"),
        .init("deepObject", true, .object, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"),
    ]
}

extension ParameterDecoderTests {
    @Test(arguments: StyleExample.table + StyleExample.otherLocations)
    func decodesTheStyleExamples(_ example: StyleExample) throws {
        let required = example.location == .path ? ", required: true" : ""
        let allowEmpty = example.location == .query ? ", allowEmptyValue: true" : ""
        let decoder = InlineSpec.parameterDecoder(
            """
            [{name: color, in: \(example.location.rawValue), style: \(example.style), explode: \(example.explode)\
            \(required)\(allowEmpty), schema: \(example.value.schema)}]
            """,
            path: example.location == .path ? "/items/{color}" : "/items"
        )
        let (values, issues) = decoder.decode(example.request)
        #expect(issues == [])
        let value = try #require(values[ParameterIdentity(name: "color", location: example.location)])
        #expect(value == example.value.expected)
    }
}
