import GatehouseJSON

/// Renders diagnostics as a SARIF 2.1.0 log, the format code-scanning services ingest.
public enum SARIFRenderer {
    /// `rules` are the rules the log describes (`check`'s by default; `diff` passes its own).
    public static func render(_ diagnostics: [Diagnostic], rules: [Rule] = Rule.all, toolVersion: String) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var driver = JSONObject()
        driver["name"] = .string("gatehouse")
        driver["version"] = .string(toolVersion)
        driver["rules"] = .array(
            rules.map { rule in
                .object(
                    JSONObject([
                        "id": .string(rule.id),
                        "shortDescription": .object(JSONObject(["text": .string(rule.summary)])),
                        "defaultConfiguration": .object(JSONObject(["level": .string(level(rule.defaultSeverity))])),
                    ])
                )
            }
        )
        let results: [JSONValue] = diagnostics.map { diagnostic in
            var result = JSONObject()
            result["ruleId"] = .string(diagnostic.rule)
            if let index = ruleIndex[diagnostic.rule] { result["ruleIndex"] = .number(JSONNumber(index)) }
            result["level"] = .string(level(diagnostic.severity))
            result["message"] = .object(JSONObject(["text": .string(diagnostic.message)]))
            if let location = diagnostic.location {
                var physical = physicalLocation(location)
                if let pointer = diagnostic.pointer {
                    physical["logicalLocations"] = .array([
                        .object(JSONObject(["fullyQualifiedName": .string("#" + pointer.string)]))
                    ])
                }
                result["locations"] = .array([.object(physical)])
            }
            let related = diagnostic.notes.enumerated().compactMap { index, note -> JSONValue? in
                guard let location = note.location else { return nil }
                var object = physicalLocation(location)
                object["id"] = .number(JSONNumber(index))
                object["message"] = .object(JSONObject(["text": .string(note.message)]))
                return .object(object)
            }
            if !related.isEmpty { result["relatedLocations"] = .array(related) }
            return .object(result)
        }
        var run = JSONObject()
        run["tool"] = .object(JSONObject(["driver": .object(driver)]))
        run["results"] = .array(results)
        var log = JSONObject()
        log["$schema"] = .string("https://json.schemastore.org/sarif-2.1.0.json")
        log["version"] = .string("2.1.0")
        log["runs"] = .array([.object(run)])
        return JSONWriter.string(.object(log), pretty: true) + "\n"
    }

    static func physicalLocation(_ location: SourceLocation) -> JSONObject {
        var region = JSONObject()
        region["startLine"] = .number(JSONNumber(location.line))
        region["startColumn"] = .number(JSONNumber(location.column))
        var artifact = JSONObject()
        artifact["uri"] = .string(location.file.percentEncodedForFragment())
        var physical = JSONObject()
        physical["artifactLocation"] = .object(artifact)
        physical["region"] = .object(region)
        return JSONObject(["physicalLocation": .object(physical)])
    }

    static func level(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note, .info: return "note"
        }
    }
}
