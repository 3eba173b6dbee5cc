import GatehouseJSON
import GatehouseSpec

extension ParameterDecoder {
    /// Decodes a query or cookie parameter from the request's `name=value` pairs: `form`, `spaceDelimited`,
    /// `pipeDelimited` and `deepObject`, each exploded or not. The names it reads are added to `claimed`.
    func decodeForm(
        _ plan: Plan, pairs: FormPairs, claimed: inout Set<String>, issues: inout [ValidationIssue]
    ) -> JSONValue? {
        // With `allowReserved`, a client sends reserved characters as they are, and `+` is one of them.
        let unescaping: Unescaping = pairs.plusAsSpace && !plan.allowReserved ? .plusAndPercent : .percent
        let isFormLike = [.form, .spaceDelimited, .pipeDelimited].contains(plan.style)
        if plan.contentType == nil && plan.shape.kind == .object {
            if plan.style == .deepObject {
                return decodeDeepObject(plan, pairs: pairs, unescaping: unescaping, claimed: &claimed, issues: &issues)
            }
            if isFormLike && plan.explode {
                return decodeExplodedObject(plan, pairs: pairs, unescaping: unescaping, claimed: &claimed)
            }
        }
        let raws = pairs.values(named: plan.name)
        guard let first = raws.first else { return nil }
        claimed.insert(plan.name)
        let repeats = plan.shape.kind == .array && plan.explode && isFormLike && plan.contentType == nil
        if raws.count > 1 && !repeats {
            issues.append(plan.issue("style", "expected one value for \(plan.label), found \(raws.count)"))
            return nil
        }
        if plan.contentType != nil {
            return text(first, plan, unescaping, &issues).flatMap { decodeContent(plan, text: $0, issues: &issues) }
        }
        guard isFormLike else {
            return decodeSerialized(plan, raw: first, unescaping: unescaping, issues: &issues)
        }
        if first.isEmpty && raws.count == 1 { return plan.shape.emptyValue() }
        switch plan.shape.kind {
        case .primitive:
            return text(first, plan, unescaping, &issues).map(plan.shape.coerce)
        case .array where repeats:
            return texts(raws, plan, unescaping, &issues).map { makeArray(plan, items: $0) }
        case .array, .object:
            guard let items = delimitedItems(plan, raw: first, unescaping: unescaping, issues: &issues) else {
                return nil
            }
            if plan.shape.kind == .array { return makeArray(plan, items: items) }
            return makeObject(plan, alternating: items, source: first, issues: &issues)
        }
    }

    /// The items of an unexploded value: split on `,` before unescaping (an encoded `%2C` is data); split on the
    /// space or pipe after it, since those delimiters are always sent encoded (`%20`, `+`, `%7C`) or as `|`.
    private func delimitedItems(
        _ plan: Plan, raw: Substring, unescaping: Unescaping, issues: inout [ValidationIssue]
    ) -> [String]? {
        switch plan.style {
        case .spaceDelimited, .pipeDelimited:
            let delimiter: Character = plan.style == .spaceDelimited ? " " : "|"
            // For spaces, `+` is always a delimiter, whatever `allowReserved` says.
            let unescape: Unescaping = plan.style == .spaceDelimited ? .plusAndPercent : unescaping
            return text(raw, plan, unescape, &issues).map {
                $0.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
            }
        default:
            return texts(raw.split(separator: ",", omittingEmptySubsequences: false), plan, unescaping, &issues)
        }
    }

    /// `R=100&G=200&B=150`: the object's members are pairs of their own. With declared properties, those names are
    /// its members; a free-form object takes every pair that no other parameter declares.
    private func decodeExplodedObject(
        _ plan: Plan, pairs: FormPairs, unescaping: Unescaping, claimed: inout Set<String>
    ) -> JSONValue? {
        let declared = declaredNames[plan.source] ?? []
        let free = plan.shape.properties.isEmpty
        var object = JSONObject()
        var scratch: [ValidationIssue] = []
        for pair in pairs.pairs where object[pair.name] == nil {
            let isMember = free ? !declared.contains(pair.name) : plan.shape.property(pair.name) != nil
            guard isMember else { continue }
            let member = plan.shape.member(pair.name)
            let raws = pairs.values(named: pair.name)
            if member.kind == .array {
                guard let items = texts(raws, plan, unescaping, &scratch) else { continue }
                object[pair.name] = .array(items.map(member.itemShape.coerce))
            } else if let value = text(raws[0], plan, unescaping, &scratch) {
                object[pair.name] = member.coerce(value)
            }
            claimed.insert(pair.name)
        }
        return object.isEmpty ? nil : .object(object)
    }

    /// `color[R]=100&color[G]=200`, and nested `color[a][b]=1`.
    private func decodeDeepObject(
        _ plan: Plan, pairs: FormPairs, unescaping: Unescaping, claimed: inout Set<String>,
        issues: inout [ValidationIssue]
    ) -> JSONValue? {
        let prefix = plan.name + "["
        var root = JSONObject()
        var found = false
        for pair in pairs.pairs where pair.name.hasPrefix(prefix) {
            claimed.insert(pair.name)
            guard let path = Self.bracketPath(pair.name.dropFirst(plan.name.count)) else {
                issues.append(
                    plan.issue(
                        "style",
                        "expected deepObject style '\(plan.name)[name]=value' for \(plan.label), found '\(pair.name)'"
                    )
                )
                return nil
            }
            guard let value = text(pair.rawValue ?? "", plan, unescaping, &issues) else { return nil }
            found = true
            Self.insert(value, at: path[...], into: &root, shape: plan.shape)
        }
        return found ? .object(root) : nil
    }

    /// `[a][b]` as `["a", "b"]`; nil when the brackets are not well formed.
    private static func bracketPath(_ text: Substring) -> [String]? {
        var rest = text
        var path: [String] = []
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
            let key = rest[rest.index(after: rest.startIndex)..<close]
            guard !key.isEmpty, !key.contains("[") else { return nil }
            path.append(String(key))
            rest = rest[rest.index(after: close)...]
        }
        return path.isEmpty ? nil : path
    }

    private static func insert(
        _ value: String, at path: ArraySlice<String>, into object: inout JSONObject, shape: SchemaShape
    ) {
        guard let key = path.first else { return }
        let member = shape.member(key)
        if path.count == 1 {
            if member.kind == .array {
                var items = object[key]?.arrayValue ?? []
                items.append(member.itemShape.coerce(value))
                object[key] = .array(items)
            } else if object[key] == nil {
                object[key] = member.coerce(value)
            }
            return
        }
        var child = object[key]?.objectValue ?? JSONObject()
        insert(value, at: path.dropFirst(), into: &child, shape: member)
        object[key] = .object(child)
    }
}
