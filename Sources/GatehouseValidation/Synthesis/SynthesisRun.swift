import GatehouseJSON
import GatehouseSpec

/// One synthesis: walks compiled nodes, building candidates and keeping the first the validator accepts.
struct SynthesisRun {
    let configuration: ExampleSynthesizer.Configuration
    let options: ValidationOptions
    let usesDynamicScope: Bool
    /// Nodes being synthesized, outermost first, to bound recursion.
    var stack: [ObjectIdentifier] = []
    var budget = 20_000
    /// False while a retry builds objects from their required properties alone (an optional member can make an
    /// instance match two `oneOf` alternatives).
    var includesOptionalProperties: Bool

    init(configuration: ExampleSynthesizer.Configuration, usesDynamicScope: Bool) {
        self.configuration = configuration
        self.options = ValidationOptions(assertFormats: true, direction: configuration.direction, maxIssues: 1)
        self.usesDynamicScope = usesDynamicScope
        self.includesOptionalProperties = configuration.includeOptionalProperties
    }

    var depth: Int { stack.count }

    func accepts(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        var evaluator = SchemaEvaluator(options: options, collect: false, usesDynamicScope: usesDynamicScope)
        var annotations = Annotations()
        return evaluator.validate(node, value, track: false, &annotations)
    }

    /// A valid instance for `node`, or nil. `variant` asks for a different value (for `uniqueItems`).
    mutating func synthesize(_ node: SchemaNode, variant: Int = 0) -> JSONValue? {
        guard budget > 0, depth < configuration.maxDepth * 4 else { return nil }
        budget -= 1
        if let boolean = node.boolean { return boolean ? .string(variant == 0 ? "example" : "example\(variant)") : nil }
        stack.append(ObjectIdentifier(node))
        defer { stack.removeLast() }
        for candidate in authored(node, variant: variant) where accepts(node, candidate) { return candidate }
        if let candidate = build(node, variant: variant), accepts(node, candidate) { return candidate }
        // A value that breaks a keyword the build does not aim at (`not`, an overlapping `oneOf`, a name the
        // default collides with): other variants, then the required members alone.
        for retry in 1...2 {
            if let candidate = build(node, variant: variant + retry), accepts(node, candidate) { return candidate }
        }
        if includesOptionalProperties {
            includesOptionalProperties = false
            defer { includesOptionalProperties = true }
            if let candidate = build(node, variant: variant), accepts(node, candidate) { return candidate }
        }
        return nil
    }

    /// `const`, `enum`, `examples`, `example`, `default`, in that order.
    func authored(_ node: SchemaNode, variant: Int) -> [JSONValue] {
        if let constant = node.constValue { return [constant] }
        var candidates: [JSONValue] = []
        if let values = node.enumValues, !values.isEmpty {
            let nonNull = values.filter { $0 != .null }
            let pool = nonNull.isEmpty ? values : nonNull
            candidates.append(pool[variant % pool.count])
            candidates.append(contentsOf: pool)
            return candidates
        }
        guard variant == 0, case .object(let object) = node.json else { return [] }
        if case .array(let examples)? = object["examples"] { candidates.append(contentsOf: examples) }
        if let example = object["example"] { candidates.append(example) }
        if let value = object["default"] { candidates.append(value) }
        return candidates
    }

    /// Builds a value from the node's constraints and its in-place subschemas.
    mutating func build(_ node: SchemaNode, variant: Int) -> JSONValue? {
        if let target = node.ref, node.isOnlyReference, node.dynamicRef == nil {
            return synthesize(target, variant: variant)
        }
        if let dynamic = node.dynamicRef, node.types == nil, node.object == nil {
            return synthesize(dynamic.target, variant: variant)
        }
        var value = own(node, variant: variant)
        if let target = node.ref ?? node.dynamicRef?.target {
            guard let part = synthesize(target, variant: variant) else { return nil }
            value = value.map { merge($0, part) } ?? part
        }
        for part in node.allOf ?? [] {
            guard let piece = synthesize(part, variant: variant) else { return nil }
            value = value.map { merge($0, piece) } ?? piece
        }
        if let discriminator = node.discriminator {
            for choice in discriminator.choices {
                guard var piece = synthesize(choice.node, variant: variant) else { continue }
                if case .object(var object) = piece {
                    object[discriminator.propertyName] = .string(choice.value)
                    piece = .object(object)
                }
                let candidate = value.map { merge($0, piece) } ?? piece
                if accepts(node, candidate) { return candidate }
            }
        }
        if let alternatives = node.oneOf ?? node.anyOf {
            for alternative in alternatives {
                guard let piece = synthesize(alternative, variant: variant) else { continue }
                let candidate = value.map { merge($0, piece) } ?? piece
                if accepts(node, candidate) { return candidate }
            }
        }
        if let conditional = node.conditional {
            // The branch the value takes: `then` when it meets `if` (or when there is no value yet), else `else`.
            let meets = value.map { accepts(conditional.condition, $0) } ?? true
            if let branch = meets ? conditional.then : conditional.otherwise {
                guard let piece = synthesize(branch, variant: variant) else { return value }
                value = value.map { merge($0, piece) } ?? piece
            }
        }
        return value
    }

    /// A value from the node's own type-specific keywords (no subschemas in place), or nil when it has none.
    mutating func own(_ node: SchemaNode, variant: Int) -> JSONValue? {
        let types = node.types ?? inferredTypes(node)
        guard !types.isEmpty else { return nil }
        for type in preferredOrder(types, node) {
            let candidate: JSONValue?
            switch type {
            case .object: candidate = object(node, variant: variant)
            case .array: candidate = array(node, variant: variant)
            case .string: candidate = string(node, variant: variant)
            case .integer: candidate = number(node, integer: true, variant: variant)
            case .number: candidate = number(node, integer: false, variant: variant)
            case .boolean: candidate = .bool(variant % 2 == 0)
            default: candidate = .null
            }
            if let candidate { return candidate }
        }
        return nil
    }

    /// The type the keywords imply when `type` is absent.
    func inferredTypes(_ node: SchemaNode) -> TypeMask {
        if node.object != nil { return .object }
        if node.array != nil { return .array }
        if node.string != nil { return .string }
        if node.number != nil { return .number }
        switch node.format {
        case .int32, .int64: return .integer
        case .float, .double: return .number
        case .some: return .string
        case nil: break
        }
        let hasApplicators =
            node.ref != nil || node.allOf != nil || node.anyOf != nil || node.oneOf != nil
            || node.dynamicRef != nil
        return hasApplicators ? [] : .object
    }

    func preferredOrder(_ types: TypeMask, _ node: SchemaNode) -> [TypeMask] {
        var order: [TypeMask] = []
        if node.object != nil { order.append(.object) }
        if node.array != nil { order.append(.array) }
        if node.string != nil || node.format != nil { order.append(.string) }
        order.append(contentsOf: [.object, .array, .string, .integer, .number, .boolean, .null])
        var seen: TypeMask = []
        return order.filter { type in
            guard types.contains(type), !seen.contains(type) else { return false }
            seen.insert(type)
            return true
        }
    }
}
