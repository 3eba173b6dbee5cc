import Foundation
import GatehouseCodegen
import Testing

/// The models generated for Golden/models.yaml, compiled into a program that decodes a document using every
/// construct (recursion through allOf, a discriminated oneOf, a oneOf of primitives, awkward enum values, maps,
/// dates, binary) and encodes it again.
struct ModelRoundTripTests {
    static let program = #"""
        import Foundation

        let document = #"{"self":"me","user_name":"a","userName":"b","default":7,"1st":true,"client":{"id":"c"},"mood":"a-b","scalar":3,"tree":{"name":"root","children":[{"name":"leaf","parent":{"name":"root"}}]},"nickname":null,"labels":{"x":"y"},"metadata":{"k":[1,"two",null]},"anything":2.5,"avatar":"AAE=","birthday":"2024-02-29","updatedAt":"2024-05-01T09:30:00.250Z","shape":{"kind":"round","radius":1.5},"inline":{"kind":"huge"}}"#
        let decoder = JSONCoding.makeDecoder()
        let value = try decoder.decode(Everything.self, from: Data(document.utf8))
        let encoded = try JSONCoding.makeEncoder().encode(value)
        let again = try decoder.decode(Everything.self, from: encoded)
        precondition(again == value, "a second round trip changed the value")
        print(String(decoding: encoded, as: UTF8.self))
        print(value.self_, value.userName, value.userName2 ?? "-", value.default ?? 0, value._1st ?? false)
        print(value.mood == .aB, value.scalar == .int(3), value.inline?.kind == .unknown("huge"))
        print(value.tree?.children?.first?.parent?.name ?? "-", value.avatar == Data([0, 1]))
        if case .circle(let circle)? = value.shape { print("circle", circle.radius) }
        let square = try decoder.decode(Shape.self, from: Data(#"{"kind":"Square","side":2}"#.utf8))
        if case .square(let shape) = square { print("square", shape.side) }
        let extensible = try decoder.decode(Extensible.self, from: Data(#"{"known":"k","extra":1,"more":2}"#.utf8))
        print(extensible.known ?? "-", extensible.additionalProperties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        print(String(decoding: try JSONCoding.makeEncoder().encode(extensible), as: UTF8.self))
        print(String(decoding: try JSONCoding.makeEncoder().encode([Mood.empty, ._1, .aB2, .unknown2, .default]), as: UTF8.self))
        """#

    @Test func everyConstructRoundTrips() async throws {
        let generated = try SwiftGoldenTests.generate("models")
        let result = try await SwiftCompilerCheck.run(generated.files, main: Self.program)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                #"{"1st":true,"anything":2.5,"avatar":"AAE=","birthday":"2024-02-29","client":{"id":"c"},"default":7,"inline":{"kind":"huge"},"labels":{"x":"y"},"metadata":{"k":[1,"two",null]},"mood":"a-b","scalar":3,"self":"me","shape":{"kind":"round","radius":1.5},"tree":{"children":[{"name":"leaf","parent":{"name":"root"}}],"name":"root"},"updatedAt":"2024-05-01T09:30:00.250Z","userName":"b","user_name":"a"}"#,
                "me a b 7 true",
                "true true true",
                "root true",
                "circle 1.5",
                "square 2.0",
                #"k ["extra=1", "more=2"]"#,
                #"{"extra":1,"known":"k","more":2}"#,
                #"["","1","A B","unknown","default"]"#,
            ])
    }
}
