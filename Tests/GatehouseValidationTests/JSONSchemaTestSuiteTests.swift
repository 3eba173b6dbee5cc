import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// The JSON-Schema-Test-Suite: every required test of draft2020-12 and draft4, and the optional format tests of the
/// formats Gatehouse asserts (with assertion on); each instance also from its JSON text (`isValid(json:)`).
struct JSONSchemaTestSuiteTests {
    /// Everything left out, in one place: `draft/file` (a whole file), `draft/file/group` or
    /// `draft/file/group/test`, with the reason.
    static let skipped: [String: String] = [
        "draft2020-12/defs.json/validate definition against metaschema":
            "needs the 2020-12 meta-schemas, which are not bundled (no network access, nothing fetched)",
        "draft2020-12/ref.json/remote ref, containing refs itself":
            "needs the 2020-12 meta-schemas, which are not bundled (no network access, nothing fetched)",
        "draft4/definitions.json/validate definition against metaschema":
            "needs the draft-04 meta-schema, which is not bundled (no network access, nothing fetched)",
        "draft4/ref.json/remote ref, containing refs itself":
            "needs the draft-04 meta-schema, which is not bundled (no network access, nothing fetched)",
        "draft2020-12/vocabulary.json/schema that uses custom metaschema with with no validation vocabulary":
            "'$vocabulary' of a custom meta-schema is not honoured: every vocabulary always applies",
        "draft2020-12/optional/format/hostname.json/validation of A-label (punycode) host names":
            "IDNA2008 A-label checks (Punycode decoding, contextual rules) are not implemented; 'xn--' labels are checked as RFC 1123 labels",
    ]

    /// The optional format files run with assertion on: the formats Gatehouse asserts.
    static let assertedFormats = [
        "date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uri", "uri-reference", "uuid",
        "regex",
    ]

    struct Outcome {
        var passed = 0
        var total = 0
        var skipped = 0
        var failures: [String] = []
    }

    @Test(arguments: ["draft2020-12", "draft4"])
    func suitePasses(draft: String) throws {
        let dialect: SchemaDialect = draft == "draft4" ? .draft4 : .draft2020_12
        let folder = SchemaTestData.suite + "/tests/" + draft
        var outcome = Outcome()
        let required = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        for file in required.sorted() {
            try run(folder + "/" + file, key: "\(draft)/\(file)", dialect: dialect, assertFormats: false, &outcome)
        }
        for format in Self.assertedFormats {
            let path = folder + "/optional/format/\(format).json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            try run(
                path, key: "\(draft)/optional/format/\(format).json", dialect: dialect, assertFormats: true, &outcome)
        }
        print("JSON-Schema-Test-Suite \(draft): \(outcome.passed)/\(outcome.total) passed, \(outcome.skipped) skipped")
        for failure in outcome.failures.prefix(60) { print("  FAIL \(failure)") }
        #expect(outcome.failures.isEmpty, "\(outcome.failures.count) failures in \(draft)")
    }

    private func run(_ path: String, key: String, dialect: SchemaDialect, assertFormats: Bool, _ outcome: inout Outcome)
        throws
    {
        guard Self.skipped[key] == nil, case .array(let groups) = try SchemaTestData.json(atPath: path) else { return }
        let options = ValidationOptions(assertFormats: assertFormats)
        for group in groups {
            let description = group["description"]?.stringValue ?? "?"
            let groupKey = key + "/" + description
            let tests = group["tests"]?.arrayValue ?? []
            if Self.skipped[groupKey] != nil {
                outcome.skipped += tests.count
                continue
            }
            let compiler = SchemaCompiler(dialect: dialect, remotes: SchemaTestData.remotes)
            let compiled: CompiledSchema?
            do {
                compiled = try compiler.compile(group["schema"] ?? .bool(true))
            } catch {
                compiled = nil
                outcome.failures.append("\(groupKey): compile error \(error)")
            }
            for test in tests {
                let testKey = groupKey + "/" + (test["description"]?.stringValue ?? "?")
                if Self.skipped[testKey] != nil {
                    outcome.skipped += 1
                    continue
                }
                outcome.total += 1
                guard let compiled, let data = test["data"], case .bool(let expected)? = test["valid"] else { continue }
                let fast = compiled.isValid(data, options: options)
                let issues = compiled.validate(data, options: options)
                // From the bytes (one pass, else parse and walk): the same answer as the value the bytes parse to.
                let text = Array(data.description.utf8)
                let reparsed = try JSONParser.parse(text, options: JSONParser.Options(rejectDuplicateKeys: false))
                let fromBytes = compiled.isValid(json: text, options: options)
                let treeOnText = compiled.isValid(reparsed, options: options)
                if fast == expected && issues.isEmpty == expected && fromBytes == treeOnText {
                    outcome.passed += 1
                } else {
                    outcome.failures.append(
                        "\(testKey): expected \(expected), isValid \(fast), from bytes \(fromBytes) (tree on the text \(treeOnText)), issues \(issues.map(\.message))"
                    )
                }
            }
        }
    }
}
