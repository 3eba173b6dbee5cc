import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// A caller that satisfied one of the base's alternatives still gets in when some alternative of the revision
    /// asks for no scheme beyond those (scopes aside).
    mutating func compareSecurity(_ before: Operation, _ after: Operation) {
        let baseAlternatives = Self.alternatives(before.security)
        let revisionAlternatives = Self.alternatives(after.security)
        let stranded = baseAlternatives.filter { old in
            !revisionAlternatives.contains { $0.isSubset(of: old) }
        }
        guard let first = stranded.first else { return }
        let described = first.isEmpty ? "anonymous callers" : "callers with \(Self.list(first))"
        let place = Self.securityPlace(of: after, in: revision)
        let basePlace = Self.securityPlace(of: before, in: base)
        report(
            DiffRules.securityRequirementAdded,
            "'\(after.id)' now requires \(revisionAlternatives.map(Self.list).joined(separator: " or ")); \(described) are refused",
            at: place, note: "the base's security", noteAt: basePlace)
    }

    /// Security schemes of the same name: an API key that moved or was renamed, or a scheme of another type.
    mutating func compareSecuritySchemes() {
        for old in base.model.securitySchemes {
            guard let new = revision.model.securityScheme(named: old.name), old.kind != new.kind else { continue }
            let change: String
            switch (old.kind, new.kind) {
            case (.apiKey(let oldName, let oldLocation), .apiKey(let newName, let newLocation)):
                change = "moved from \(oldLocation.rawValue) '\(oldName)' to \(newLocation.rawValue) '\(newName)'"
            case (.http(let oldScheme, _), .http(let newScheme, _)) where oldScheme != newScheme:
                change = "changed from HTTP '\(oldScheme)' to '\(newScheme)'"
            case (.http, .http), (.oauth2, .oauth2), (.openIdConnect, .openIdConnect):
                continue
            default:
                change = "changed from \(Self.kindName(old.kind)) to \(Self.kindName(new.kind))"
            }
            report(
                DiffRules.securitySchemeChanged, "security scheme '\(new.name)' \(change)",
                at: revision.place(new.address, key: true), note: "the base's scheme",
                noteAt: base.place(old.address, key: true))
        }
    }

    /// Where an operation's security is written: its own, else the root's, else the operation.
    static func securityPlace(of operation: Operation, in side: DiffSide) -> DiffPlace {
        if operation.declaresSecurity { return side.place(operation.address.appending("security")) }
        let root = side.document.rootAddress(JSONPointer.root.appending("security"))
        return side.document.value(at: root) != nil ? side.place(root) : side.place(operation.address, key: true)
    }

    static func alternatives(_ security: [SecurityRequirement]?) -> [Set<String>] {
        guard let security, !security.isEmpty else { return [[]] }
        return security.map { Set($0.schemes.map(\.scheme)) }
    }

    static func list(_ schemes: Set<String>) -> String {
        schemes.isEmpty ? "no credentials" : schemes.sorted().map { "'\($0)'" }.joined(separator: " and ")
    }

    static func kindName(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .apiKey: return "an API key"
        case .http(let scheme, _): return "HTTP '\(scheme)'"
        case .oauth2: return "OAuth 2"
        case .openIdConnect: return "OpenID Connect"
        case .mutualTLS: return "mutual TLS"
        }
    }
}
