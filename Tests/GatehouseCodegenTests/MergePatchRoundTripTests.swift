import Foundation
import GatehouseCodegen
import Testing

/// The models generated for Golden/mergepatch.yaml, compiled into a program: a patch body keeps absent, `null` and
/// a value apart when it is encoded and decoded (nested objects, `allOf`, `$ref` and recursive members included),
/// while a required nullable member is always written and models outside patches keep plain optionals.
struct MergePatchRoundTripTests {
    static let program = #"""
        import Foundation

        let encoder = JSONCoding.makeEncoder()
        let decoder = JSONCoding.makeDecoder()
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

        print(try json(ProfilePatch(revision: nil)))
        print(try json(ProfilePatch(revision: 2, bio: .null, nickname: "Kit")))
        print(try json(ProfilePatch(
            revision: 3, address: .value(.init(city: .null)), manager: .null, tags: ["a"],
            chain: .value(Link(label: "a", next: .null)))))
        for text in [#"{"revision":1}"#, #"{"bio":null,"revision":1}"#, #"{"bio":"hi","revision":1}"#] {
            let patch = try decoder.decode(ProfilePatch.self, from: Data(text.utf8))
            print(patch.bio.map { "\($0)" } ?? "absent", try json(patch) == text)
        }
        let chain = #"{"chain":{"label":"a","next":{"label":"b","next":null}},"revision":null}"#
        let decoded = try decoder.decode(ProfilePatch.self, from: Data(chain.utf8))
        print(try json(decoded) == chain, decoded.chain?.optional?.next?.optional?.next == .null)
        let profile = try decoder.decode(Profile.self, from: Data(#"{"name":"a","bio":null}"#.utf8))
        print(profile.bio ?? "none", profile.nickname ?? "none", try json(profile))
        print(try json(NewProfile(name: "n", bio: nil)), try json(NewProfile(name: "n", bio: "b")))
        """#

    @Test func absentNullAndAValueRoundTripInPatchBodies() async throws {
        let generated = try SwiftGoldenTests.generate("mergepatch")
        let result = try await SwiftCompilerCheck.run(generated.files, main: Self.program)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                #"{"revision":null}"#,
                #"{"bio":null,"nickname":"Kit","revision":2}"#,
                #"{"address":{"city":null},"chain":{"label":"a","next":null},"manager":null,"revision":3,"tags":["a"]}"#,
                "absent true",
                "null true",
                #"value("hi") true"#,
                "true true",
                #"none none {"bio":null,"name":"a"}"#,
                #"{"name":"n"} {"bio":"b","name":"n"}"#,
            ])
    }
}
