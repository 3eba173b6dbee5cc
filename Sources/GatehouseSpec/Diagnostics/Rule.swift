/// A diagnostic rule: its id, default severity and a one-line summary (used by `--disable`, SARIF and the README).
public struct Rule: Sendable, Hashable {
    public let id: String
    public let defaultSeverity: Diagnostic.Severity
    public let summary: String

    public init(_ id: String, _ defaultSeverity: Diagnostic.Severity, _ summary: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
    }
}

extension Rule {
    // Reading the document.
    public static let syntax = Rule("syntax", .error, "the file is not well-formed YAML or JSON, or is not text")
    public static let duplicateKey = Rule("duplicate-key", .error, "a mapping repeats a key")
    public static let version = Rule("version", .error, "the document is not OpenAPI 3.0.x or 3.1.x")
    public static let structure = Rule(
        "structure", .error, "the document does not have the shape the OpenAPI specification requires")
    // References.
    public static let unresolvedRef = Rule(
        "unresolved-ref", .error, "a $ref points at a file or node that does not exist")
    public static let refCycle = Rule(
        "ref-cycle", .error, "a chain of $refs loops back on itself without reaching a value")
    public static let remoteRef = Rule("remote-ref", .warning, "a $ref to a remote URL is not followed")
    // Lint rules over the API model.
    public static let pathParams = Rule(
        "path-params", .error, "path template parameters and declared path parameters disagree")
    public static let duplicateOperationId = Rule(
        "duplicate-operation-id", .error, "two operations share an operationId")
    public static let duplicateParameter = Rule(
        "duplicate-parameter", .error, "a parameter (name and location) is declared twice")
    public static let pathCollision = Rule("path-collision", .error, "two path templates match the same requests")
    public static let undefinedSecurityScheme = Rule(
        "undefined-security-scheme", .error, "a security requirement names a scheme that is not defined")
    public static let noSuccessResponse = Rule(
        "no-success-response", .warning, "an operation declares no 2XX and no default response")
    public static let mediaType = Rule("media-type", .error, "a media type is malformed")
    public static let emptyPaths = Rule("empty-paths", .warning, "the document declares no paths")
    public static let example = Rule("example", .error, "an example does not validate against its schema")
    public static let gatewayErrors = Rule(
        "gateway-errors", .warning,
        "a response documented for a status the gateway answers itself cannot carry the gateway's error")
    public static let unsatisfiableSchema = Rule(
        "unsatisfiable-schema", .error,
        "a response's schema has no valid example and no value could be generated for it, so no answer honours it")
    public static let fileSize = Rule("file-size", .error, "a file is larger than the size limit")
    // The gateway extensions.
    public static let usagePlans = Rule(
        "usage-plans", .error, "'x-gatehouse-usage-plans' is malformed, so the gateway cannot meter with it")
    public static let gatewayTable = Rule(
        "gateway-table", .warning, "an operation's 'x-gatehouse-table' is malformed; the gateway ignores what is wrong")
    public static let gatewaySeed = Rule(
        "gateway-seed", .error, "'x-gatehouse-seed' is malformed or names a table no operation maps to")
    public static let apiGatewayExtension = Rule(
        "apigateway-extension", .warning,
        "an 'x-amazon-apigateway-*' extension is malformed; the gateway ignores what is wrong")

    // Recorded traffic (`gatehouse validate`).
    public static let traffic = Rule("traffic", .error, "a traffic file or one of its exchanges is malformed")
    public static let unknownRoute = Rule(
        "unknown-route", .error, "a recorded request's method and path match no operation of the contract")
    public static let requestContract = Rule("request-contract", .error, "a recorded request breaks the contract")
    public static let responseContract = Rule("response-contract", .error, "a recorded response breaks the contract")
    public static let unrecordedBody = Rule(
        "unrecorded-body", .warning,
        "a recorded request's or response's body was left out of the record (it was streamed), so it was not checked"
    )

    // Code generation (`gatehouse generate`).
    public static let codegenFallback = Rule(
        "codegen-fallback", .warning,
        "a schema has no faithful Swift type; the generated code uses the JSON value type for it")

    /// Every rule, in the order the README documents them.
    public static let all: [Rule] = [
        .syntax, .fileSize, .duplicateKey, .version, .structure, .unresolvedRef, .refCycle, .remoteRef, .pathParams,
        .duplicateOperationId, .duplicateParameter, .pathCollision, .undefinedSecurityScheme, .noSuccessResponse,
        .mediaType, .emptyPaths, .example, .unsatisfiableSchema, .gatewayErrors, .usagePlans, .gatewayTable,
        .gatewaySeed,
        .apiGatewayExtension, .traffic, .unknownRoute, .requestContract, .responseContract, .unrecordedBody,
        .codegenFallback,
    ]

    public static func named(_ id: String) -> Rule? {
        all.first { $0.id == id }
    }
}
