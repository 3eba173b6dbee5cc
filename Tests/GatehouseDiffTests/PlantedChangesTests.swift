import Foundation
import GatehouseDiff
import GatehouseJSON
import GatehouseSpec
import Testing

/// A large real-world contract with 50 changes planted by a script (ten each of five kinds, on distinct operations):
/// the diff reports exactly those, plus the version bump they call for.
struct PlantedChangesTests {
    /// What was planted, by rule id, and on which operation (method and path).
    struct Plan {
        var changes: [(rule: String, method: String, path: String)] = []
    }

    static let perKind = 10

    /// Plants the changes in the document's JSON: removes an operation from a path that keeps others, renames an
    /// operationId, adds a required query parameter, removes a 2XX response from an operation that keeps others,
    /// and requires a new security scheme.
    static func plant(in root: JSONValue) -> (JSONValue, Plan) {
        guard var document = root.objectValue, var paths = document["paths"]?.objectValue else { return (root, Plan()) }
        var plan = Plan()
        var counts = [String: Int]()
        let kinds = [
            "operation-removed", "operation-id-changed", "parameter-added-required", "response-success-status-removed",
            "security-requirement-added",
        ]
        var next = 0
        for pathMember in paths.members {
            guard var item = pathMember.value.objectValue else { continue }
            let methods = item.keys.filter { HTTPMethod(rawValue: $0.uppercased()) != nil }
            for method in methods {
                guard var operation = item[method]?.objectValue, operation["operationId"] != nil else { continue }
                let kind = kinds[next % kinds.count]
                guard counts[kind, default: 0] < perKind else { continue }
                let responses = operation["responses"]?.objectValue ?? JSONObject()
                switch kind {
                case "operation-removed":
                    // Not the path's last operation (that would be path-removed) and not one the loop already changed.
                    guard methods.count >= 2, method == methods.last, item.keys.filter(methods.contains).count >= 2
                    else { continue }
                    item[method] = nil
                case "operation-id-changed":
                    operation["operationId"] = .string((operation["operationId"]?.stringValue ?? "") + "Planted")
                case "parameter-added-required":
                    var parameters = operation["parameters"]?.arrayValue ?? []
                    parameters.append(
                        .object(
                            JSONObject([
                                "name": .string("planted"), "in": .string("query"), "required": .bool(true),
                                "schema": .object(JSONObject(["type": .string("string")])),
                            ])))
                    operation["parameters"] = .array(parameters)
                case "response-success-status-removed":
                    guard responses.count >= 2,
                        let success = responses.keys.first(where: { ResponseStatus($0)?.isSuccess == true })
                    else { continue }
                    var kept = responses
                    kept[success] = nil
                    operation["responses"] = .object(kept)
                default:
                    operation["security"] = .array([.object(JSONObject(["planted": .array([])]))])
                }
                if kind != "operation-removed" { item[method] = .object(operation) }
                counts[kind, default: 0] += 1
                next += 1
                plan.changes.append((kind, method.uppercased(), pathMember.key))
            }
            paths[pathMember.key] = .object(item)
        }
        document["paths"] = .object(paths)
        var components = document["components"]?.objectValue ?? JSONObject()
        var schemes = components["securitySchemes"]?.objectValue ?? JSONObject()
        schemes["planted"] = .object(JSONObject(["type": .string("http"), "scheme": .string("bearer")]))
        components["securitySchemes"] = .object(schemes)
        document["components"] = .object(components)
        return (.object(document), plan)
    }

    @Test(arguments: ["github.json", "stripe.json"])
    func fiftyPlantedChangesAreReportedExactly(_ file: String) throws {
        let path = DiffTestPaths.testdata + "/real-world/" + file
        let bytes = try SpecFileReader().readBytes(path: path)
        let (planted, plan) = Self.plant(in: try JSONParser.parse(bytes))
        try #require(plan.changes.count == 50)
        let revision = try inlineSide(JSONWriter.string(planted, pretty: true), path: "planted.json")
        let report = diff(try loadSide(path), revision)

        let found = report.findings.filter { $0.rule.id != DiffRules.versionBump.id }.map { finding in
            "\(finding.rule.id) \(finding.operation?.method ?? "") \(finding.operation?.path ?? "")"
        }
        let expected = plan.changes.map { "\($0.rule) \($0.method) \($0.path)" }
        #expect(found.sorted() == expected.sorted())
        #expect(report.findings.filter { $0.rule.id == DiffRules.versionBump.id }.count == 1)
    }
}
