import GatehouseJSON
import GatehouseSpec

extension ParameterDecoder {
    /// How the characters of a serialized value are unescaped before they become data.
    enum Unescaping: Sendable {
        /// URL parts: percent-decoding to UTF-8.
        case percent
        /// Query strings and form bodies: `+` is a space too.
        case plusAndPercent
        /// Header values: taken as they are, without surrounding whitespace.
        case none
    }

    /// Decodes a value serialized into one string: a path segment, a header, or a query value in a path style.
    /// `simple`, `label` and `matrix` (RFC 6570 `{var}`, `{.var}`, `{;var}`), each exploded or not.
    func decodeSerialized(
        _ plan: Plan, raw: Substring, unescaping: Unescaping, issues: inout [ValidationIssue]
    ) -> JSONValue? {
        if plan.contentType != nil {
            return text(raw, plan, unescaping, &issues).flatMap { decodeContent(plan, text: $0, issues: &issues) }
        }
        switch plan.style {
        case .label:
            guard raw.first == "." else {
                issues.append(
                    plan.issue("style", "expected label style starting with '.' for \(plan.label), found '\(raw)'"))
                return nil
            }
            let body = raw.dropFirst()
            if body.isEmpty { return plan.shape.emptyValue() }
            // OpenAPI 3.1.0's table separates unexploded label values with '.', RFC 6570 (and OpenAPI 3.1.1) with
            // ','; both are accepted.
            let separator: Character = plan.explode || !body.contains(",") ? "." : ","
            return decodeItems(plan, raw: body, separator: separator, unescaping: unescaping, issues: &issues)
        case .matrix:
            return decodeMatrix(plan, raw: raw, unescaping: unescaping, issues: &issues)
        default:
            if raw.isEmpty { return plan.shape.emptyValue() }
            return decodeItems(plan, raw: raw, separator: ",", unescaping: unescaping, issues: &issues)
        }
    }

    /// A primitive, an array of items, or an object (`k,v,k,v` or, exploded, `k=v` items) from `raw`.
    private func decodeItems(
        _ plan: Plan, raw: Substring, separator: Character, unescaping: Unescaping, issues: inout [ValidationIssue]
    ) -> JSONValue? {
        let pieces = raw.split(separator: separator, omittingEmptySubsequences: false)
        switch plan.shape.kind {
        case .primitive:
            return text(raw, plan, unescaping, &issues).map(plan.shape.coerce)
        case .array:
            return texts(pieces, plan, unescaping, &issues).map { makeArray(plan, items: $0) }
        case .object where plan.explode:
            return makeObject(plan, rawEntries: pieces, unescaping: unescaping, issues: &issues)
        case .object:
            return texts(pieces, plan, unescaping, &issues).flatMap {
                makeObject(plan, alternating: $0, source: raw, issues: &issues)
            }
        }
    }

    /// `;color`, `;color=blue`, `;color=blue,black` and, exploded, `;color=blue;color=black` or `;R=100;G=200`.
    private func decodeMatrix(
        _ plan: Plan, raw: Substring, unescaping: Unescaping, issues: inout [ValidationIssue]
    ) -> JSONValue? {
        let mismatch = plan.issue(
            "style", "expected matrix style starting with ';\(plan.name)' for \(plan.label), found '\(raw)'")
        guard raw.first == ";" else {
            issues.append(mismatch)
            return nil
        }
        let entries = raw.dropFirst().split(separator: ";", omittingEmptySubsequences: false)
        if plan.explode && plan.shape.kind == .object {
            if entries == [""] { return plan.shape.emptyValue() }
            return makeObject(plan, rawEntries: entries, unescaping: unescaping, issues: &issues)
        }
        var values: [Substring] = []
        for entry in entries {
            let equals = entry.firstIndex(of: "=")
            let name = equals.map { entry[..<$0] } ?? entry
            guard text(name, plan, unescaping, &issues) == plan.name else {
                issues.append(mismatch)
                return nil
            }
            values.append(equals.map { entry[entry.index(after: $0)...] } ?? "")
        }
        if values.count > 1 || plan.explode && plan.shape.kind == .array {
            guard plan.shape.kind == .array else {
                issues.append(plan.issue("style", "expected one value for \(plan.label), found \(values.count)"))
                return nil
            }
            if values == [""] { return plan.shape.emptyValue() }
            return texts(values, plan, unescaping, &issues).map { makeArray(plan, items: $0) }
        }
        let value = values[0]
        if value.isEmpty { return plan.shape.emptyValue() }
        return decodeItems(plan, raw: value, separator: ",", unescaping: unescaping, issues: &issues)
    }

    // MARK: Building values

    func makeArray(_ plan: Plan, items: [String]) -> JSONValue {
        let item = plan.shape.itemShape
        return .array(items.map(item.coerce))
    }

    /// An object from `name,value,name,value`.
    func makeObject(_ plan: Plan, alternating items: [String], source: Substring, issues: inout [ValidationIssue])
        -> JSONValue?
    {
        if items == [""] { return plan.shape.emptyValue() }
        guard items.count.isMultiple(of: 2) else {
            issues.append(
                plan.issue(
                    "style",
                    "expected name,value pairs for \(plan.label), found an odd number of items in '\(source)'"
                )
            )
            return nil
        }
        var object = JSONObject()
        for index in stride(from: 0, to: items.count, by: 2) where object[items[index]] == nil {
            object[items[index]] = plan.shape.member(items[index]).coerce(items[index + 1])
        }
        return .object(object)
    }

    /// An object from `name=value` entries, split before unescaping so an encoded `%3D` stays data.
    func makeObject(
        _ plan: Plan, rawEntries: [Substring], unescaping: Unescaping, issues: inout [ValidationIssue]
    ) -> JSONValue? {
        var object = JSONObject()
        for entry in rawEntries {
            guard let equals = entry.firstIndex(of: "=") else {
                issues.append(plan.issue("style", "expected name=value items for \(plan.label), found '\(entry)'"))
                return nil
            }
            guard let name = text(entry[..<equals], plan, unescaping, &issues),
                let value = text(entry[entry.index(after: equals)...], plan, unescaping, &issues)
            else { return nil }
            if object[name] == nil { object[name] = plan.shape.member(name).coerce(value) }
        }
        return .object(object)
    }

    // MARK: Unescaping

    func text(_ raw: Substring, _ plan: Plan, _ unescaping: Unescaping, _ issues: inout [ValidationIssue]) -> String? {
        let decoded: Result<String, PercentDecoding.Failure>
        switch unescaping {
        case .none: return String(raw.trimmingSpaces())
        case .percent: decoded = PercentDecoding.decode(raw, plusAsSpace: false)
        case .plusAndPercent: decoded = PercentDecoding.decode(raw, plusAsSpace: true)
        }
        switch decoded {
        case .success(let string):
            return string
        case .failure(let failure):
            issues.append(plan.issue("encoding", "\(failure.message) in \(plan.label)"))
            return nil
        }
    }

    func texts(_ raws: [Substring], _ plan: Plan, _ unescaping: Unescaping, _ issues: inout [ValidationIssue])
        -> [String]?
    {
        var result: [String] = []
        result.reserveCapacity(raws.count)
        for raw in raws {
            guard let string = text(raw, plan, unescaping, &issues) else { return nil }
            result.append(string)
        }
        return result
    }

    /// The value of a `content` parameter: JSON media types are parsed, others are kept as text.
    func decodeContent(_ plan: Plan, text: String, issues: inout [ValidationIssue]) -> JSONValue? {
        guard plan.contentType?.isJSON ?? false else { return .string(text) }
        let options = JSONParser.Options(maxDepth: configuration.maxJSONDepth, rejectDuplicateKeys: true)
        do {
            return try JSONParser.parse(Array(text.utf8), options: options)
        } catch {
            issues.append(
                plan.issue(
                    "content",
                    "expected JSON in \(plan.label), found invalid JSON at line \(error.line), column \(error.column): \(error.message)"
                )
            )
            return nil
        }
    }
}
