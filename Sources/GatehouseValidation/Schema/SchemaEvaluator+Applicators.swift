import GatehouseJSON
import GatehouseSpec

extension SchemaEvaluator {
    /// The keywords that apply subschemas to the same instance: `$ref`, `$dynamicRef`, `allOf`, `anyOf`, `oneOf`,
    /// `not`, `if`/`then`/`else`.
    mutating func applyInPlace(_ node: SchemaNode, _ value: JSONValue, tracking: Bool, _ local: inout Annotations)
        -> Bool
    {
        var valid = true
        if let target = node.ref {
            if !validate(target, value, track: tracking, &local) {
                valid = false
                if !collect { return false }
            }
        }
        if let dynamic = node.dynamicRef {
            var target = dynamic.target
            if let anchor = dynamic.anchor {
                // The outermost resource in the dynamic scope that declares the anchor wins.
                for resource in scope {
                    if let candidate = resource.dynamicAnchors[anchor] {
                        target = candidate
                        break
                    }
                }
            }
            if !validate(target, value, track: tracking, &local) {
                valid = false
                if !collect { return false }
            }
        }
        if let all = node.allOf {
            for subschema in all where !validate(subschema, value, track: tracking, &local) {
                valid = false
                if !collect { return false }
            }
        }
        if let discriminator = node.discriminator, case .object(let object) = value {
            if !applyDiscriminator(node, discriminator, object, value, tracking: tracking, &local) {
                valid = false
                if !collect { return false }
            }
        } else {
            if let any = node.anyOf, !applyAnyOf(node, any, value, tracking: tracking, &local) {
                valid = false
                if !collect { return false }
            }
            if let one = node.oneOf, !applyOneOf(node, one, value, tracking: tracking, &local) {
                valid = false
                if !collect { return false }
            }
        }
        if let negated = node.not {
            var ignored = Annotations()
            if probe(negated, value, track: false, &ignored) {
                valid = false
                guard
                    report(
                        node, "not", "expected a value that does not match the 'not' schema, found \(describe(value))")
                else { return false }
            }
        }
        if let conditional = node.conditional {
            var conditionAnnotations = Annotations()
            if probe(conditional.condition, value, track: tracking, &conditionAnnotations) {
                if tracking { local.merge(conditionAnnotations) }
                if let then = conditional.then, !validate(then, value, track: tracking, &local) {
                    valid = false
                }
            } else if let otherwise = conditional.otherwise, !validate(otherwise, value, track: tracking, &local) {
                valid = false
            }
        }
        return valid
    }

    private mutating func applyAnyOf(
        _ node: SchemaNode, _ alternatives: [SchemaNode], _ value: JSONValue, tracking: Bool,
        _ local: inout Annotations
    ) -> Bool {
        var matched = false
        for alternative in alternatives {
            var annotations = Annotations()
            if probe(alternative, value, track: tracking, &annotations) {
                matched = true
                // Annotations come from every matching alternative, so only then keep looking.
                guard tracking else { break }
                local.merge(annotations)
            }
        }
        if matched { return true }
        return reportAlternatives(node, "anyOf", alternatives, value, matches: 0)
    }

    private mutating func applyOneOf(
        _ node: SchemaNode, _ alternatives: [SchemaNode], _ value: JSONValue, tracking: Bool,
        _ local: inout Annotations
    ) -> Bool {
        var matches = 0
        var kept = Annotations()
        for alternative in alternatives {
            var annotations = Annotations()
            if probe(alternative, value, track: tracking, &annotations) {
                matches += 1
                if matches > 1 { break }
                kept = annotations
            }
        }
        if matches == 1 {
            if tracking { local.merge(kept) }
            return true
        }
        return reportAlternatives(node, "oneOf", alternatives, value, matches: matches)
    }

    /// Reports a failed `anyOf`/`oneOf`. When exactly one alternative accepts the value's type, its own issues say
    /// more than "matched none", so they are reported instead.
    private mutating func reportAlternatives(
        _ node: SchemaNode, _ keyword: String, _ alternatives: [SchemaNode], _ value: JSONValue, matches: Int
    ) -> Bool {
        guard collect else { return false }
        if matches == 0 {
            let candidates = alternatives.filter { $0.resolved.types?.admits(value) ?? true }
            if candidates.count == 1 {
                let before = issues.count
                var ignored = Annotations()
                _ = validate(candidates[0], value, track: false, &ignored)
                if issues.count > before { return false }
            }
            let quantifier = keyword == "oneOf" ? "exactly one" : "at least one"
            _ = report(
                node, keyword,
                "expected a value matching \(quantifier) of the \(alternatives.count) schemas in '\(keyword)', found \(describe(value)) matching none"
            )
        } else {
            _ = report(
                node, keyword,
                "expected a value matching exactly one of the \(alternatives.count) schemas in 'oneOf', found \(describe(value)) matching \(matches) or more"
            )
        }
        return false
    }

    private mutating func applyDiscriminator(
        _ node: SchemaNode, _ discriminator: Discriminator, _ object: JSONObject, _ value: JSONValue, tracking: Bool,
        _ local: inout Annotations
    ) -> Bool {
        let name = discriminator.propertyName
        let allowed = discriminator.choices.map { JSONValue.string($0.value) }
        guard let tag = object[name] else {
            return report(
                node, "discriminator",
                "missing discriminator property '\(name)' (one of \(listing(allowed)))") && false
        }
        guard case .string(let text) = tag, let choice = discriminator.choices.first(where: { $0.value == text }) else {
            path.appendIfCollecting(.key(name), collect)
            defer { path.removeIfCollecting(collect) }
            return report(
                node, "discriminator",
                "expected discriminator property '\(name)' to be one of \(listing(allowed)), found \(literal(tag))")
                && false
        }
        return validate(choice.node, value, track: tracking, &local)
    }

    /// `unevaluatedProperties` and `unevaluatedItems`, after every other keyword has left its annotations.
    mutating func checkUnevaluated(_ node: SchemaNode, _ value: JSONValue, _ local: inout Annotations) -> Bool {
        var valid = true
        if let rest = node.unevaluatedProperties, case .object(let object) = value, !local.allProperties {
            for member in object.members where !local.evaluated(property: member.key) {
                if rest.boolean == false {
                    valid = false
                    guard report(node, "unevaluatedProperties", "unexpected property '\(member.key)'") else {
                        return false
                    }
                    continue
                }
                if collect { path.append(.key(member.key)) }
                var ignored = Annotations()
                let ok = validate(rest, member.value, track: false, &ignored)
                if collect { path.removeLast() }
                if !ok {
                    valid = false
                    if !collect { return false }
                }
            }
            if valid { local.allProperties = true }
        }
        if let rest = node.unevaluatedItems, case .array(let elements) = value, !local.allItems {
            for index in local.itemCount..<max(local.itemCount, elements.count)
            where !local.evaluated(item: index) {
                if rest.boolean == false {
                    valid = false
                    guard report(node, "unevaluatedItems", "unexpected item at index \(index)") else { return false }
                    continue
                }
                if collect { path.append(.index(index)) }
                var ignored = Annotations()
                let ok = validate(rest, elements[index], track: false, &ignored)
                if collect { path.removeLast() }
                if !ok {
                    valid = false
                    if !collect { return false }
                }
            }
            if valid { local.allItems = true }
        }
        return valid
    }
}

extension Array where Element == PathToken {
    mutating func appendIfCollecting(_ token: PathToken, _ collect: Bool) {
        if collect { append(token) }
    }

    mutating func removeIfCollecting(_ collect: Bool) {
        if collect { removeLast() }
    }
}
