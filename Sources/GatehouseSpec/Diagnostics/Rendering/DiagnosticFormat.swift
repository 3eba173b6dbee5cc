public import GatehouseJSON

/// The output formats of diagnostics: for people, for programs, for GitHub Actions and for code-scanning tools.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `file:line:col: error: message [rule]`, the source line and a caret, as swiftc prints.
    case text
    /// One JSON document with every diagnostic.
    case json
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`).
    case github
    /// SARIF 2.1.0, for code-scanning uploads.
    case sarif
}

extension Diagnostic {
    /// The diagnostic as a JSON object (the `json` format's element).
    public var jsonValue: JSONValue {
        var object = JSONObject()
        if let location {
            object["file"] = .string(location.file)
            object["line"] = .number(JSONNumber(location.line))
            object["column"] = .number(JSONNumber(location.column))
        }
        object["severity"] = .string(severity.rawValue)
        object["rule"] = .string(rule)
        object["message"] = .string(message)
        if let pointer { object["pointer"] = .string(pointer.string) }
        if !notes.isEmpty {
            object["notes"] = .array(
                notes.map { note in
                    var noteObject = JSONObject()
                    noteObject["message"] = .string(note.message)
                    if let location = note.location {
                        noteObject["file"] = .string(location.file)
                        noteObject["line"] = .number(JSONNumber(location.line))
                        noteObject["column"] = .number(JSONNumber(location.column))
                    }
                    return .object(noteObject)
                }
            )
        }
        return .object(object)
    }
}
