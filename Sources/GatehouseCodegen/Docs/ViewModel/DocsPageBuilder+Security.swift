import GatehouseJSON
import GatehouseSpec

extension DocsPageBuilder {
    func securityScheme(_ scheme: SecurityScheme) -> DocsSecurityScheme {
        var kind: String
        var usage: String
        var details: [String] = []
        switch scheme.kind {
        case .apiKey(let name, let location):
            kind = "API key"
            switch location {
            case .header: usage = "Send the key in the '\(name)' header."
            case .query: usage = "Send the key as the '\(name)' query parameter."
            case .cookie: usage = "Send the key in the '\(name)' cookie."
            case .path: usage = "Send the key in the '\(name)' path parameter."
            }
        case .http(let httpScheme, let bearerFormat):
            kind = "HTTP \(httpScheme)"
            switch httpScheme {
            case "basic": usage = "Send 'Authorization: Basic …' with the base64 of 'user:password'."
            case "bearer":
                usage =
                    "Send 'Authorization: Bearer …' with a token"
                    + (bearerFormat.map { " (\($0))." } ?? ".")
            default: usage = "Send the 'Authorization' header with the '\(httpScheme)' scheme."
            }
        case .oauth2(let flows):
            kind = "OAuth 2"
            usage = "Obtain a token with one of the flows below and send 'Authorization: Bearer …'."
            for flow in flows {
                var parts = [flow.key]
                for key in ["authorizationUrl", "tokenUrl", "refreshUrl"] {
                    if case .string(let url)? = flow.value[key] { parts.append("\(key): \(url)") }
                }
                if case .object(let scopes)? = flow.value["scopes"], !scopes.isEmpty {
                    parts.append("scopes: " + scopes.prefix(50).map(\.key).joined(separator: ", "))
                }
                details.append(parts.joined(separator: " · "))
            }
        case .openIdConnect(let url):
            kind = "OpenID Connect"
            usage = "Discover the provider at \(url) and send 'Authorization: Bearer …'."
        case .mutualTLS:
            kind = "Mutual TLS"
            usage = "Present a client certificate."
        }
        return DocsSecurityScheme(
            name: scheme.name, anchor: "security/" + AnchorAllocator.sanitized(scheme.name), kind: kind, usage: usage,
            descriptionHTML: markdown(scheme.description, headingLevel: 4), details: details)
    }

    /// One entry per alternative of an operation's security: `apiKey`, `or oauth (read, write)`, `or none (…)`.
    func securityLines(_ operation: Operation) -> [String] {
        guard let security = operation.security, !security.isEmpty else { return [] }
        return security.enumerated().map { offset, requirement in
            let alternative =
                requirement.schemes.isEmpty
                ? "none (anonymous access)"
                : requirement.schemes.map { entry in
                    entry.scopes.isEmpty
                        ? entry.scheme : entry.scheme + " (" + entry.scopes.joined(separator: ", ") + ")"
                }.joined(separator: " + ")
            return offset == 0 ? alternative : "or " + alternative
        }
    }

    /// The usage plans of `x-gatehouse-usage-plans` as the front end read them, by name, each with its limits
    /// (`throttle.rate`, `quota.period`, `operations.deleteList.throttle.rate`) and the default plan and anonymous
    /// throttle as plans' notes.
    func usagePlans() -> [DocsUsagePlan] {
        let declared = model.gateway.usagePlans
        var plans: [DocsUsagePlan] = []
        if let anonymous = declared.anonymous {
            plans.append(
                DocsUsagePlan(
                    name: "anonymous", descriptionHTML: markdown("Calls without an API key share it.", headingLevel: 4),
                    fields: Self.fields(anonymous, prefix: "throttle")))
        }
        for name in declared.plans.keys.sorted() {
            guard let plan = declared.plans[name] else { continue }
            var fields: [DocsUsagePlan.Field] = []
            if name == declared.defaultPlan { fields.append(.init(name: "default", value: "yes")) }
            if let throttle = plan.throttle { fields += Self.fields(throttle, prefix: "throttle") }
            if let quota = plan.quota {
                fields.append(.init(name: "quota.limit", value: String(quota.limit)))
                fields.append(.init(name: "quota.period", value: quota.period.rawValue))
            }
            for operation in plan.operationThrottles.keys.sorted() {
                fields += Self.fields(plan.operationThrottles[operation]!, prefix: "operations.\(operation).throttle")
            }
            plans.append(
                DocsUsagePlan(
                    name: name, descriptionHTML: markdown(declared.descriptions[name], headingLevel: 4),
                    fields: fields))
        }
        return plans
    }

    static func fields(_ throttle: Throttle, prefix: String) -> [DocsUsagePlan.Field] {
        let rate = throttle.rate.rounded() == throttle.rate ? String(Int(throttle.rate)) : String(throttle.rate)
        return [
            .init(name: prefix + ".rate", value: rate), .init(name: prefix + ".burst", value: String(throttle.burst)),
        ]
    }
}
