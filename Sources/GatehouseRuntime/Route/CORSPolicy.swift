import Foundation
import GatehouseJSON
import GatehouseSpec

/// CORS as configured by `--cors ORIGIN…`: which origins may call, and the preflight answer built from what the
/// contract declares for the path (its methods and its header parameters).
struct CORSPolicy: Sendable {
    let origins: [String]

    var isEnabled: Bool { !origins.isEmpty }

    /// The `Access-Control-Allow-Origin` value for a request's `Origin`, or nil when it is not allowed.
    func allowedOrigin(_ origin: String?) -> String? {
        guard isEnabled, let origin else { return nil }
        if origins.contains("*") { return "*" }
        return origins.contains(origin) ? origin : nil
    }

    /// Headers a browser may send on the path: every header parameter of its operations, the API-key headers their
    /// security requirements name, plus the ones every API uses.
    static func allowedHeaders(
        for operations: [GatehouseSpec.Operation],
        schemes: [SecurityScheme] = []
    ) -> String {
        var names = ["Content-Type", "Authorization", "Prefer", "X-Request-Id"]
        func add(_ name: String) {
            if !names.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                names.append(name)
            }
        }
        for operation in operations {
            for parameter in operation.parameters where parameter.location == .header {
                add(parameter.name)
            }
            for entry in (operation.security ?? []).flatMap(\.schemes) {
                if case .apiKey(let name, .header)? = schemes.first(where: { $0.name == entry.scheme })?.kind {
                    add(name)
                }
            }
            if operation.gateway.apiKeyRequired {
                add(SecurityCredential.gatewayKeyHeader)
            }
        }
        return names.joined(separator: ", ")
    }
}
