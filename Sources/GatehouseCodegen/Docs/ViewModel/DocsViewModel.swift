import Mustache

/// What the docs template sees: the page, built from the API model, with every text already escaped or rendered
/// to safe HTML. Field names are the ones a custom template uses (the README lists them).
///
/// Fields ending in `HTML` hold HTML that Gatehouse wrote and made safe, for `{{{triple}}}` mustaches; every
/// other field is plain text for `{{double}}` mustaches, which escape it. An absent value is a null that renders
/// as nothing and skips its section, so a template never picks up a field of an enclosing object by accident.
struct DocsPage: MustacheParent {
    var title: String
    var version: String
    var summary: Any
    var descriptionHTML: Any
    var openAPIVersion: String
    var servers: [DocsServer]
    var securitySchemes: [DocsSecurityScheme]
    var usagePlans: [DocsUsagePlan]
    var tags: [DocsTagGroup]
    var webhooks: [DocsOperation]
    var schemas: [DocsSchema]
    var tryItURL: Any
    var style: String
    var script: String
    var generator: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "version": version
        case "summary": summary
        case "descriptionHTML": descriptionHTML
        case "openAPIVersion": openAPIVersion
        case "servers": servers
        case "hasServers": !servers.isEmpty
        case "securitySchemes": securitySchemes
        case "hasSecuritySchemes": !securitySchemes.isEmpty
        case "usagePlans": usagePlans
        case "hasUsagePlans": !usagePlans.isEmpty
        case "tags": tags
        case "webhooks": webhooks
        case "hasWebhooks": !webhooks.isEmpty
        case "schemas": schemas
        case "hasSchemas": !schemas.isEmpty
        case "tryItURL": tryItURL
        case "style": style
        case "script": script
        case "generator": generator
        default: nil
        }
    }
}

/// A server: its URL template and variables.
struct DocsServer: MustacheParent {
    struct Variable: MustacheParent {
        var name: String
        var defaultValue: String
        var values: Any
        var descriptionHTML: Any

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "default": defaultValue
            case "values": values
            case "descriptionHTML": descriptionHTML
            default: nil
            }
        }
    }

    var url: String
    var descriptionHTML: Any
    var variables: [Variable]

    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "descriptionHTML": descriptionHTML
        case "variables": variables
        case "hasVariables": !variables.isEmpty
        default: nil
        }
    }
}

/// A security scheme and how a client sends its credential.
struct DocsSecurityScheme: MustacheParent {
    var name: String
    var anchor: String
    /// `API key`, `HTTP bearer`, `OAuth 2`, ….
    var kind: String
    /// One sentence: where the credential goes, e.g. "Send the key in the `X-API-Key` header."
    var usage: String
    var descriptionHTML: Any
    /// OAuth 2 flows and their scopes, one line each.
    var details: [String]

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "anchor": anchor
        case "kind": kind
        case "usage": usage
        case "descriptionHTML": descriptionHTML
        case "details": details
        case "hasDetails": !details.isEmpty
        default: nil
        }
    }
}

/// A usage plan from `x-gatehouse-usage-plans`, with its fields as written (throttle and quota limits).
struct DocsUsagePlan: MustacheParent {
    struct Field: MustacheParent {
        var name: String
        var value: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "value": value
            default: nil
            }
        }
    }

    var name: String
    var descriptionHTML: Any
    var fields: [Field]

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "descriptionHTML": descriptionHTML
        case "fields": fields
        default: nil
        }
    }
}

/// The operations of one tag (or, for untagged operations, of one path prefix).
struct DocsTagGroup: MustacheParent {
    var name: String
    var anchor: String
    var descriptionHTML: Any
    var operations: [DocsOperation]

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "anchor": anchor
        case "descriptionHTML": descriptionHTML
        case "operations": operations
        default: nil
        }
    }
}

/// A component schema, rendered once in the schemas section; operations link to it.
struct DocsSchema: MustacheParent {
    var name: String
    var anchor: String
    var descriptionHTML: Any
    var treeHTML: String

    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "anchor": anchor
        case "descriptionHTML": descriptionHTML
        case "treeHTML": treeHTML
        default: nil
        }
    }
}

/// A missing value: renders as nothing and counts as false in sections, and stops the lookup there (a template
/// asking for an operation's absent `descriptionHTML` must not get its tag's).
struct DocsNull: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }

    /// `value` when it is not nil or empty, else the null.
    static func or(_ value: String?) -> Any {
        guard let value, !value.isEmpty else { return DocsNull() }
        return value
    }
}
