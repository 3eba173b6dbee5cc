import GatehouseSpec
import GatehouseJSON

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

    /// The usage plans of `x-gatehouse-usage-plans` (an object of plans by name, or an array of plans with a
    /// `name`), each with its fields flattened to `throttle.rate`-style names, whatever fields the plans use.
    func usagePlans() -> [DocsUsagePlan] {
        guard let declared = model.extensions["x-gatehouse-usage-plans"] else { return [] }
        var plans: [(String, JSONValue)] = []
        switch declared {
        case .object(let object): plans = object.map { ($0.key, $0.value) }
        case .array(let values):
            plans = values.enumerated().map { ($1["name"]?.stringValue ?? "plan \($0 + 1)", $1) }
        default: return []
        }
        return plans.prefix(200).map { name, value in
            var fields: [DocsUsagePlan.Field] = []
            func flatten(_ value: JSONValue, prefix: String, depth: Int) {
                guard fields.count < 100 else { return }
                if case .object(let object) = value, depth < 4 {
                    for member in object where !(depth == 0 && ["name", "description"].contains(member.key)) {
                        flatten(
                            member.value, prefix: prefix.isEmpty ? member.key : prefix + "." + member.key,
                            depth: depth + 1)
                    }
                } else {
                    let text = value.stringValue ?? JSONWriter.string(value)
                    fields.append(.init(name: prefix.isEmpty ? "value" : prefix, value: String(text.prefix(500))))
                }
            }
            flatten(value, prefix: "", depth: 0)
            return DocsUsagePlan(
                name: name, descriptionHTML: markdown(value["description"]?.stringValue, headingLevel: 4),
                fields: fields)
        }
    }
}
