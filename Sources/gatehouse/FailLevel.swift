import ArgumentParser
import GatehouseSpec

/// `diff --fail-on`.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error
    case warning
    case info

    var severity: Diagnostic.Severity {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        }
    }
}
