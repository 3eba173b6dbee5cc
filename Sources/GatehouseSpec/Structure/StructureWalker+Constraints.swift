import GatehouseJSON

/// The rules across fields of one object (`ObjectSpec.Constraint`), checked after its fields.
extension StructureWalker {
    mutating func check(_ constraint: ObjectSpec.Constraint, in object: JSONObject, of spec: ObjectSpec, at node: Int) {
        switch constraint {
        case .exclusive(let first, let second, let required):
            let expected = required ? "either '\(first)' or '\(second)'" : "at most one of '\(first)' and '\(second)'"
            if object[first] != nil && object[second] != nil {
                report(
                    .structure, "expected \(expected) in the \(spec.name), found both", at: member(second, of: node),
                    key: true)
            } else if required && object[first] == nil && object[second] == nil {
                report(.structure, "expected \(expected) in the \(spec.name), found neither", at: node)
            }
        case .nonEmpty(let field):
            switch object[field] {
            case .array(let items)? where items.isEmpty:
                report(.structure, "expected at least one item in '\(field)', found none", at: member(field, of: node))
            case .object(let entries)? where entries.isEmpty:
                report(.structure, "expected at least one entry in '\(field)', found none", at: member(field, of: node))
            default:
                break
            }
        case .singleEntry(let field):
            if case .object(let entries)? = object[field], entries.count != 1 {
                let count = entries.isEmpty ? "none" : String(entries.count)
                report(
                    .structure, "expected exactly one entry in '\(field)', found \(count)", at: member(field, of: node))
            }
        case .anyOf(let fields):
            if !fields.contains(where: { object[$0] != nil }) {
                let names = fields.map { "'\($0)'" }
                let list = names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
                report(.structure, "expected at least one of \(list) in the \(spec.name), found none", at: node)
            }
        case .hasResponse:
            if !object.contains(where: { !$0.key.hasPrefix("x-") }) {
                report(.structure, "expected at least one response in the \(spec.name), found none", at: node)
            }
        case .onlyWithSchema(let fields):
            guard object["content"] != nil else { break }
            for field in fields where object[field] != nil {
                report(
                    .structure,
                    "expected '\(field)' only in a \(spec.name) with 'schema', found it with 'content'",
                    at: member(field, of: node),
                    key: true
                )
            }
        case .parameterLocation:
            checkParameterLocation(object, at: node)
        case .securitySchemeType:
            checkSecuritySchemeType(object, of: spec, at: node)
        }
    }

    private mutating func member(_ key: String, of node: Int) -> Int {
        arena.child(of: node, .key(key))
    }

    /// What a parameter's `in` allows: its styles, `allowReserved`, and `required: true` in the path.
    private mutating func checkParameterLocation(_ object: JSONObject, at node: Int) {
        guard case .string(let location)? = object["in"] else { return }
        let styles: [String]
        switch location {
        case "path": styles = ["matrix", "label", "simple"]
        case "query": styles = ["form", "spaceDelimited", "pipeDelimited", "deepObject"]
        case "header": styles = ["simple"]
        case "cookie": styles = ["form"]
        default: return
        }
        if case .string(let style)? = object["style"], !styles.contains(style) {
            let expected = expectation(of: .choice(styles))
            report(
                .structure,
                "expected \(expected) for 'style' of a \(location) parameter, found '\(Self.shortened(style))'",
                at: member("style", of: node)
            )
        }
        // Reserved characters matter only where values are percent-encoded in a form: the query, and (as the 3.1
        // schema tests accept) a cookie of style form, the only cookie style.
        if object["allowReserved"] != nil && (location == "path" || location == "header") {
            report(
                .structure,
                "expected 'allowReserved' only in a query parameter, found it in a \(location) parameter",
                at: member("allowReserved", of: node),
                key: true
            )
        }
        // 3.0 requires `required: true` of every path parameter; the 3.1 schema requires it only of those described
        // by `schema` (its tests accept a path parameter with `content` and no `required`).
        guard location == "path", !table.isOpenAPI31 || object["schema"] != nil else { return }
        switch object["required"] {
        case nil:
            report(.structure, "expected 'required: true' in a path parameter, found no 'required'", at: node)
        case .bool(false)?:
            report(
                .structure, "expected 'required: true' in a path parameter, found 'required: false'",
                at: member("required", of: node))
        default:
            break
        }
    }

    /// The fields each security scheme `type` requires and permits.
    private mutating func checkSecuritySchemeType(_ object: JSONObject, of spec: ObjectSpec, at node: Int) {
        guard case .string(let type)? = object["type"] else { return }
        let required: [String]
        let optional: [String]
        switch type {
        case "apiKey": (required, optional) = (["name", "in"], [])
        case "http": (required, optional) = (["scheme"], ["bearerFormat"])
        case "oauth2": (required, optional) = (["flows"], [])
        case "openIdConnect": (required, optional) = (["openIdConnectUrl"], [])
        case "mutualTLS" where table.isOpenAPI31: (required, optional) = ([], [])
        default: return
        }
        for field in required where object[field] == nil {
            report(.structure, "missing required field '\(field)' in a \(spec.name) of type '\(type)'", at: node)
        }
        let permitted = ["type", "description"] + required + optional
        for entry in object where spec.fields[entry.key] != nil && !permitted.contains(entry.key) {
            let list = permitted.map { "'\($0)'" }.joined(separator: ", ")
            report(
                .structure,
                "expected only \(list) in a \(spec.name) of type '\(type)', found '\(entry.key)'",
                at: member(entry.key, of: node),
                key: true
            )
        }
    }
}
