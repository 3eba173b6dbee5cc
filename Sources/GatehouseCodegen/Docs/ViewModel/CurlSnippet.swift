import GatehouseJSON
import GatehouseSpec

/// A ready-to-copy `curl` command for an operation: the first server's URL, required parameters filled with
/// example values, the credential of the first accepted scheme from an environment variable, and an example body.
struct CurlSnippet {
    var baseURL: String
    var operation: Operation
    /// Example values of the parameters, by name and location.
    var parameterValues: [ParameterIdentity: JSONValue]
    var body: (mediaType: String, value: JSONValue)?
    var securitySchemes: [SecurityScheme]

    var text: String {
        var path = ""
        for segment in operation.path.segments {
            path += "/"
            for part in segment {
                switch part {
                case .literal(let text): path += text
                case .parameter(let name):
                    if let value = parameterValues[ParameterIdentity(name: name, location: .path)] {
                        path += Self.percentEncoded(Self.plain(value))
                    } else {
                        path += "{\(name)}"
                    }
                }
            }
        }
        var query: [String] = []
        var headers: [String] = []
        for parameter in operation.parameters where parameter.required || parameter.location == .path {
            let value = parameterValues[parameter.identity].map(Self.plain) ?? "…"
            switch parameter.location {
            case .query:
                query.append(Self.percentEncoded(parameter.name) + "=" + Self.percentEncoded(value))
            case .header:
                headers.append("-H " + Self.quoted(parameter.name + ": " + value))
            case .cookie:
                headers.append("-b " + Self.quoted(parameter.name + "=" + value))
            case .path:
                break
            }
        }
        var credential: [String] = []
        var url = Self.quoted(
            baseURL.trimmingSuffix("/") + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
        if let requirement = operation.security?.first(where: { !$0.schemes.isEmpty }) {
            for entry in requirement.schemes {
                guard let scheme = securitySchemes.first(where: { $0.name == entry.scheme }) else { continue }
                let variable = Self.environmentName(scheme.name)
                switch scheme.kind {
                case .apiKey(let name, .header):
                    credential.append("-H \"" + Self.doubleQuotedBody(name) + ": $\(variable)\"")
                case .apiKey(let name, .query):
                    url += (query.isEmpty ? "'?" : "'&") + Self.percentEncoded(name) + "='\"$\(variable)\""
                case .apiKey(let name, .cookie):
                    credential.append("-b \"" + Self.doubleQuotedBody(name) + "=$\(variable)\"")
                case .http(let scheme, _) where scheme == "basic":
                    credential.append("-u \"$\(variable)_USER:$\(variable)_PASSWORD\"")
                case .http, .oauth2, .openIdConnect:
                    credential.append("-H \"Authorization: Bearer $\(variable)\"")
                default:
                    break
                }
            }
        }
        var lines = ["curl -X \(operation.method.rawValue) \(url)"]
        lines += credential
        lines += headers
        if let body {
            lines.append("-H " + Self.quoted("Content-Type: " + body.mediaType))
            let text: String
            if case .string(let string) = body.value, !(MediaTypeName(body.mediaType)?.isJSON ?? false) {
                text = string
            } else {
                text = JSONWriter.string(body.value, pretty: true)
            }
            lines.append("--data " + Self.quoted(ExampleCatalog.bounded(text)))
        }
        return lines.joined(separator: " \\\n  ")
    }

    /// A scalar as it appears in a URL or header; arrays joined with commas (the `simple` and `form` styles).
    static func plain(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return string
        case .number(let number): return number.description
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return ""
        case .array(let values): return values.map(plain).joined(separator: ",")
        case .object(let object): return object.map { $0.key + "," + plain($0.value) }.joined(separator: ",")
        }
    }

    /// Single-quoted for a POSIX shell: nothing inside is expanded.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func doubleQuotedBody(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\"$`\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80 && (Character(scalar).isLetter || Character(scalar).isNumber)) || "-._~".utf8.contains(byte)
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// `apiKey` → `API_KEY`, `bearerAuth` → `BEARER_AUTH`.
    static func environmentName(_ name: String) -> String {
        var result = ""
        var previousLower = false
        for character in name {
            if character.isLetter || character.isNumber, character.isASCII {
                if character.isUppercase && previousLower { result += "_" }
                result += character.uppercased()
                previousLower = character.isLowercase || character.isNumber
            } else {
                if !result.hasSuffix("_") && !result.isEmpty { result += "_" }
                previousLower = false
            }
        }
        return result.isEmpty ? "TOKEN" : result
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
