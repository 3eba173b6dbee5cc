import Foundation

/// Renders diagnostics as GitHub Actions workflow commands, which the runner shows as annotations on the diff.
public enum GitHubRenderer {
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics {
            let command: String
            switch diagnostic.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note, .info: command = "notice"
            }
            var properties: [String] = []
            if let location = diagnostic.location {
                properties.append("file=\(escapeProperty(location.file))")
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=\(escapeProperty(diagnostic.rule))")
            var message = diagnostic.message
            if let pointer = diagnostic.pointer, !pointer.tokens.isEmpty { message += "\nat '#\(pointer.string)'" }
            for note in diagnostic.notes {
                message += "\n" + (note.location.map { "\($0): " } ?? "") + note.message
            }
            output += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        return output
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
