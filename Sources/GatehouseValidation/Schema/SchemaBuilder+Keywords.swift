import GatehouseJSON
import GatehouseSpec

extension SchemaBuilder {
    /// Reads a schema object's keywords into `node`, compiling subschemas as it goes.
    func fill(_ node: SchemaNode) throws(SchemaCompileError) {
        let object: JSONObject
        switch node.json {
        case .bool(let value):
            node.boolean = value
            return
        case .object(let value):
            object = value
        default:
            throw invalid(node, "", "expected a schema (an object or a boolean), found \(describe(node.json))")
        }
        let draft4 = dialect.isDraft4Family
        if case .string(let ref)? = object["$ref"] {
            node.ref = try resolveReference(ref, at: node.address)
            // Draft 4 and OpenAPI 3.0: a `$ref` object is replaced by its target; siblings are ignored.
            if draft4 {
                node.groups = .inPlace
                node.isPureReference = true
                node.isStreamable = true
                return
            }
        }
        if !draft4, case .string(let ref)? = object["$dynamicRef"] {
            let target = try resolveReference(ref, at: node.address)
            let fragment = SchemaURI.splitFragment(ref).fragment
            let bookended = !fragment.isEmpty && !fragment.hasPrefix("/") && target.dynamicAnchorName == fragment
            node.dynamicRef = DynamicReference(target: target, anchor: bookended ? fragment : nil)
            usesDynamicScope = true
        }
        if !draft4, case .string(let name)? = object["$dynamicAnchor"] { node.dynamicAnchorName = name }
        try fillGeneric(node, object)
        try fillNumeric(node, object)
        try fillString(node, object)
        try fillObject(node, object)
        try fillArray(node, object)
        if dialect.isOpenAPI {
            node.readOnly = object["readOnly"]?.boolValue == true
            node.writeOnly = object["writeOnly"]?.boolValue == true
        }
        if dialect == .openAPI30, let discriminator = object["discriminator"]?.objectValue {
            try fillDiscriminator(node, discriminator)
        }
        var groups: KeywordGroups = []
        if node.constValue != nil || node.enumValues != nil { groups.insert(.values) }
        if node.string != nil { groups.insert(.string) }
        if node.number != nil { groups.insert(.number) }
        if node.object != nil { groups.insert(.object) }
        if node.array != nil { groups.insert(.array) }
        if node.ref != nil || node.dynamicRef != nil || node.allOf != nil || node.anyOf != nil || node.oneOf != nil
            || node.not != nil || node.conditional != nil
        {
            groups.insert(.inPlace)
        }
        if node.readOnly || node.writeOnly { groups.insert(.access) }
        if node.hasUnevaluated { groups.insert(.unevaluated) }
        node.groups = groups
        node.isLeaf = groups.isSubset(of: [.string, .number, .values])
        node.isPureReference =
            groups == .inPlace && node.ref != nil && node.dynamicRef == nil && node.allOf == nil && node.anyOf == nil
            && node.oneOf == nil && node.not == nil && node.conditional == nil && node.types == nil
            && node.format == nil
        node.isTrivial =
            node.ref == nil && node.dynamicRef == nil && node.types == nil && node.constValue == nil
            && node.enumValues == nil && node.format == nil && node.string == nil && node.number == nil
            && node.object == nil && node.array == nil && node.allOf == nil && node.anyOf == nil
            && node.oneOf == nil && node.not == nil && node.conditional == nil && !node.hasUnevaluated
            && !node.readOnly && !node.writeOnly
        node.isStreamable = Self.isStreamable(node)
    }

    /// See `SchemaNode.isStreamable`.
    private static func isStreamable(_ node: SchemaNode) -> Bool {
        if node.hasUnevaluated || node.dynamicRef != nil || node.oneOf != nil || node.not != nil
            || node.conditional != nil || node.discriminator != nil
        {
            return false
        }
        if let rules = node.object,
            rules.propertyNames != nil || !rules.dependentRequired.isEmpty || !rules.dependentSchemas.isEmpty
        {
            return false
        }
        if let rules = node.array, rules.uniqueItems || rules.contains != nil { return false }
        return true
    }

    private func fillGeneric(_ node: SchemaNode, _ object: JSONObject) throws(SchemaCompileError) {
        let draft4 = dialect.isDraft4Family
        if let type = object["type"] {
            var mask: TypeMask = []
            switch type {
            case .string(let name):
                guard let bit = TypeMask(name: name) else { throw invalid(node, "type", "unknown type '\(name)'") }
                mask = bit
            case .array(let names):
                for name in names {
                    guard case .string(let text) = name, let bit = TypeMask(name: text) else {
                        throw invalid(node, "type", "unknown type \(name)")
                    }
                    mask.insert(bit)
                }
            default:
                throw invalid(node, "type", "expected a type name or an array of them, found \(describe(type))")
            }
            if dialect == .openAPI30, object["nullable"]?.boolValue == true { mask.insert(.null) }
            node.types = mask
        }
        if let values = object["enum"] {
            guard case .array(var elements) = values else {
                throw invalid(node, "enum", "expected an array, found \(describe(values))")
            }
            // OpenAPI 3.0: `nullable: true` admits null even where an enum lists only other values.
            if dialect == .openAPI30, object["nullable"]?.boolValue == true, !elements.contains(.null) {
                elements.append(.null)
            }
            node.enumValues = elements
        }
        if !draft4, let value = object["const"] { node.constValue = value }
        if case .string(let name)? = object["format"] {
            node.formatName = name
            node.format = FormatKind(name: name)
        }
        node.allOf = try subschemaList(node, object, "allOf")
        node.anyOf = try subschemaList(node, object, "anyOf")
        node.oneOf = try subschemaList(node, object, "oneOf")
        if object["not"] != nil { node.not = try subschema(node, "not") }
        if !draft4, object["if"] != nil {
            let condition = try subschema(node, "if")
            let then = object["then"] == nil ? nil : try subschema(node, "then")
            let otherwise = object["else"] == nil ? nil : try subschema(node, "else")
            // Even without `then`/`else`, `if` leaves annotations that `unevaluated*` sees.
            node.conditional = Conditional(condition: condition, then: then, otherwise: otherwise)
        }
        if !draft4 {
            if object["unevaluatedProperties"] != nil {
                node.unevaluatedProperties = try subschema(node, "unevaluatedProperties")
            }
            if object["unevaluatedItems"] != nil { node.unevaluatedItems = try subschema(node, "unevaluatedItems") }
        }
    }

    private func fillNumeric(_ node: SchemaNode, _ object: JSONObject) throws(SchemaCompileError) {
        let rules = NumberRules()
        if dialect.isDraft4Family {
            if let limit = try number(node, object, "minimum") {
                let exclusive = object["exclusiveMinimum"]?.boolValue == true
                rules.lower.append(
                    NumericBound(
                        limit: limit, exclusive: exclusive, keyword: exclusive ? "exclusiveMinimum" : "minimum"))
            }
            if let limit = try number(node, object, "maximum") {
                let exclusive = object["exclusiveMaximum"]?.boolValue == true
                rules.upper.append(
                    NumericBound(
                        limit: limit, exclusive: exclusive, keyword: exclusive ? "exclusiveMaximum" : "maximum"))
            }
        } else {
            if let limit = try number(node, object, "minimum") {
                rules.lower.append(NumericBound(limit: limit, exclusive: false, keyword: "minimum"))
            }
            if let limit = try number(node, object, "exclusiveMinimum") {
                rules.lower.append(NumericBound(limit: limit, exclusive: true, keyword: "exclusiveMinimum"))
            }
            if let limit = try number(node, object, "maximum") {
                rules.upper.append(NumericBound(limit: limit, exclusive: false, keyword: "maximum"))
            }
            if let limit = try number(node, object, "exclusiveMaximum") {
                rules.upper.append(NumericBound(limit: limit, exclusive: true, keyword: "exclusiveMaximum"))
            }
        }
        if let divisor = try number(node, object, "multipleOf") {
            guard divisor.double > 0 else { throw invalid(node, "multipleOf", "expected a number greater than 0") }
            rules.multipleOf = divisor
        }
        if !rules.lower.isEmpty || !rules.upper.isEmpty || rules.multipleOf != nil {
            rules.seal()
            node.number = rules
        }
    }

    private func fillString(_ node: SchemaNode, _ object: JSONObject) throws(SchemaCompileError) {
        let rules = StringRules()
        rules.minLength = try count(node, object, "minLength")
        rules.maxLength = try count(node, object, "maxLength")
        if let pattern = object["pattern"] {
            guard case .string(let source) = pattern else {
                throw invalid(node, "pattern", "expected a regular expression string, found \(describe(pattern))")
            }
            rules.pattern = try compilePattern(source, node, "pattern")
        }
        if rules.minLength != nil || rules.maxLength != nil || rules.pattern != nil { node.string = rules }
    }

    func compilePattern(_ source: String, _ node: SchemaNode, _ keyword: String) throws(SchemaCompileError)
        -> PatternMatcher
    {
        do {
            return try PatternMatcher(source)
        } catch {
            throw SchemaCompileError(
                code: .invalidPattern, message: "invalid regular expression '\(source)': \(error.message)",
                location: node.address.appending(keyword))
        }
    }

    // MARK: Helpers

    func subschema(_ node: SchemaNode, _ keyword: String) throws(SchemaCompileError) -> SchemaNode {
        try self.node(at: node.address.appending(keyword))
    }

    func subschemaList(_ node: SchemaNode, _ object: JSONObject, _ keyword: String) throws(SchemaCompileError)
        -> [SchemaNode]?
    {
        guard let value = object[keyword] else { return nil }
        guard case .array(let elements) = value else {
            throw invalid(node, keyword, "expected an array of schemas, found \(describe(value))")
        }
        var result: [SchemaNode] = []
        for position in elements.indices {
            result.append(try self.node(at: node.address.appending(keyword).appending(position)))
        }
        return result
    }

    func number(_ node: SchemaNode, _ object: JSONObject, _ keyword: String) throws(SchemaCompileError)
        -> JSONNumber?
    {
        guard let value = object[keyword] else { return nil }
        if case .number(let number) = value { return number }
        // Draft 4's boolean exclusiveMinimum is read elsewhere.
        if case .bool = value, keyword.hasPrefix("exclusive") { return nil }
        throw invalid(node, keyword, "expected a number, found \(describe(value))")
    }

    func count(_ node: SchemaNode, _ object: JSONObject, _ keyword: String) throws(SchemaCompileError) -> Int? {
        guard let value = object[keyword] else { return nil }
        guard case .number(let number) = value, number.isInteger, number.double >= 0 else {
            throw invalid(node, keyword, "expected a non-negative integer, found \(describe(value))")
        }
        return number.int64.map { Int(clamping: $0) } ?? Int.max
    }

    func invalid(_ node: SchemaNode, _ keyword: String, _ message: String) -> SchemaCompileError {
        SchemaCompileError(
            code: .invalidKeyword, message: keyword.isEmpty ? message : "'\(keyword)': \(message)",
            location: keyword.isEmpty ? node.address : node.address.appending(keyword))
    }
}
