import GatehouseJSON

/// The OpenAPI versions Gatehouse reads.
public enum OpenAPIVersion: Sendable, Hashable {
    /// 3.0.x: schemas are OpenAPI's extended subset of JSON Schema draft 4 (wright-00).
    case openAPI30(String)
    /// 3.1.x: schemas are JSON Schema 2020-12.
    case openAPI31(String)

    /// The version as the document wrote it, e.g. `3.0.3`.
    public var string: String {
        switch self {
        case .openAPI30(let text), .openAPI31(let text): return text
        }
    }

    public var isOpenAPI31: Bool {
        if case .openAPI31 = self { return true }
        return false
    }

    static let accepted = "3.0.x or 3.1.x"

    /// Reads the version field of a document root, or explains why it cannot be read.
    static func detect(in root: JSONObject) -> Result<OpenAPIVersion, VersionProblem> {
        if let swagger = root["swagger"] {
            let found = swagger.stringValue ?? swagger.description
            return .failure(
                VersionProblem(
                    message:
                        "Swagger \(found) documents are not supported; expected an OpenAPI \(accepted) document (convert it with a Swagger-to-OpenAPI converter first)",
                    key: "swagger"
                )
            )
        }
        guard let field = root["openapi"] else {
            return .failure(
                VersionProblem(
                    message: "missing 'openapi' field; expected an OpenAPI \(accepted) document",
                    key: nil
                )
            )
        }
        guard case .string(let text) = field else {
            return .failure(
                VersionProblem(
                    message: "expected 'openapi' to be a string such as '3.1.0', found \(field.typeName) \(field)",
                    key: "openapi"
                )
            )
        }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "3", let minor = Int(parts[1]),
            let patch = parts[2].split(separator: "-").first, Int(patch) != nil
        {
            switch minor {
            case 0: return .success(.openAPI30(text))
            case 1: return .success(.openAPI31(text))
            default: break
            }
        }
        return .failure(
            VersionProblem(
                message: "OpenAPI version '\(text)' is not supported; expected \(accepted)",
                key: "openapi"
            )
        )
    }

    struct VersionProblem: Error {
        var message: String
        /// The root member to point at, when there is one.
        var key: String?
    }
}
