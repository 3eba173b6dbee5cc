/// The OpenAPI versions Gatehouse reads.
public enum OpenAPIVersion: Sendable, Hashable {
    /// 3.0.x: schemas are OpenAPI's extended subset of JSON Schema draft 4 (wright-00).
    case v3_0(String)
    /// 3.1.x: schemas are JSON Schema 2020-12.
    case v3_1(String)

    /// The version as the document wrote it, e.g. `3.0.3`.
    public var string: String {
        switch self {
        case .v3_0(let text), .v3_1(let text): return text
        }
    }

    public var is3_1: Bool {
        if case .v3_1 = self { return true }
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
            case 0: return .success(.v3_0(text))
            case 1: return .success(.v3_1(text))
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
