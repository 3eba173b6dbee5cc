import GatehouseJSON

/// One pass over JSON text that checks its syntax and validates it against a compiled schema at once, without
/// building a `JSONValue`: the fast path of `CompiledSchema.isValid(json:)` and `validate(json:)`.
///
/// It answers only "certainly valid". `false` means the text is malformed, the instance is invalid, or the pass met
/// something it leaves to the parser (an escaped or non-ASCII object key, a duplicate key, deep nesting, a very
/// large object); the caller then parses and validates as before, so every answer, error and message stays the one
/// of the parser and the tree walk. Keywords the pass does not check itself (see `SchemaNode.isStreamable`) go to
/// `SchemaEvaluator`, on the value parsed from just that node's bytes.
struct ByteValidator {
    /// A key of an open object that no `properties` entry took, kept to find duplicates.
    struct KeySpan {
        var start: Int
        var count: Int
        var hash: Int
    }

    /// Deepest nesting the pass follows (it recurses); deeper text goes to the parser, which does not.
    static let maxNesting = 256
    /// Most unmatched keys an object may have before the pass leaves it to the parser (duplicates are found by a
    /// linear scan).
    static let maxKeys = 256

    let bytes: UnsafeBufferPointer<UInt8>
    let options: ValidationOptions
    let parserOptions: JSONParser.Options
    let nestingLimit: Int
    var offset = 0
    /// Schema applications on the current path, counted as `SchemaEvaluator` counts them or more.
    var depth = 0
    /// Arrays and objects open around the current value.
    var nesting = 0
    var keys: [KeySpan] = []
    /// Which `properties` entries past the 64th an open object has, a bit each, per open object.
    var presence: [UInt64] = []

    init(bytes: UnsafeBufferPointer<UInt8>, options: ValidationOptions, parserOptions: JSONParser.Options) {
        self.bytes = bytes
        self.options = options
        self.parserOptions = parserOptions
        self.nestingLimit = min(parserOptions.maxDepth, Self.maxNesting)
    }

    /// Whether the whole text is one JSON value valid against `root`.
    mutating func document(_ root: SchemaNode) -> Bool {
        guard !bytes.isEmpty else { return false }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { offset = 3 }
        skipWhitespace()
        guard offset < bytes.count, value(root) else { return false }
        skipWhitespace()
        return offset == bytes.count
    }

    /// Validates the value at `offset` (whitespace already skipped) against `node` and moves past it.
    mutating func value(_ node: SchemaNode) -> Bool {
        if node.isTrivial { return skipValue() }
        if let boolean = node.boolean { return boolean && skipValue() }
        depth += 1
        defer { depth -= 1 }
        guard depth <= options.maxDepth else { return false }
        guard node.isStreamable else { return delegate(node) }
        let groups = node.groups
        if groups.contains(.access), let direction = options.direction {
            if node.readOnly && direction == .request { return false }
            if node.writeOnly && direction == .response { return false }
        }
        if groups.contains(.inPlace) {
            if node.isPureReference, let target = node.ref { return value(target) }
            guard applyInPlace(node) else { return false }
        }
        return checkOwnKeywords(node, groups)
    }

    /// `$ref`, `allOf` and `anyOf`: each subschema reads the same bytes again from the value's start.
    private mutating func applyInPlace(_ node: SchemaNode) -> Bool {
        let start = offset
        if let target = node.ref {
            guard value(target) else { return false }
            offset = start
        }
        if let all = node.allOf {
            for subschema in all {
                guard value(subschema) else { return false }
                offset = start
            }
        }
        if let any = node.anyOf {
            let (savedNesting, savedKeys, savedPresence) = (nesting, keys.count, presence.count)
            var matched = false
            for alternative in any {
                matched = value(alternative)
                offset = start
                if matched { break }
                nesting = savedNesting
                keys.removeSubrange(savedKeys...)
                presence.removeSubrange(savedPresence...)
            }
            guard matched else { return false }
        }
        return true
    }

    /// Type, value, format, string, number, object and array keywords, reading the value once.
    private mutating func checkOwnKeywords(_ node: SchemaNode, _ groups: KeywordGroups) -> Bool {
        guard offset < bytes.count else { return false }
        let types = node.types
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            if let types, !types.contains(.object) { return false }
            if groups.contains(.values) { return delegate(node) }
            guard let rules = node.object else { return skipValue() }
            return checkObject(rules)
        case UInt8(ascii: "["):
            if let types, !types.contains(.array) { return false }
            if groups.contains(.values) { return delegate(node) }
            guard let rules = node.array else { return skipValue() }
            return checkArray(rules)
        case UInt8(ascii: "\""):
            return checkString(node, groups)
        case UInt8(ascii: "t"):
            guard literal("true"), types?.contains(.boolean) ?? true else { return false }
            return !groups.contains(.values) || valuesAllow(node, .bool(true))
        case UInt8(ascii: "f"):
            guard literal("false"), types?.contains(.boolean) ?? true else { return false }
            return !groups.contains(.values) || valuesAllow(node, .bool(false))
        case UInt8(ascii: "n"):
            guard literal("null"), types?.contains(.null) ?? true else { return false }
            return !groups.contains(.values) || valuesAllow(node, .null)
        default:
            return checkNumber(node, groups)
        }
    }

    private mutating func checkString(_ node: SchemaNode, _ groups: KeywordGroups) -> Bool {
        let start = offset
        guard let scanned = scanString() else { return false }
        if let types = node.types, !types.contains(.string) { return false }
        let format = options.assertFormats ? node.format : nil
        guard format != nil || groups.contains(.string) || groups.contains(.values) else { return true }
        if scanned.escaped {
            offset = start
            return delegate(node)
        }
        let text = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<scanned.end])
        if let format, !format.checkString(utf8: text) { return false }
        if groups.contains(.string), !node.string!.check(utf8: text) { return false }
        if groups.contains(.values) {
            if let constant = node.constValue, !Self.equals(constant, text) { return false }
            if let values = node.enumValues, !values.contains(where: { Self.equals($0, text) }) { return false }
        }
        return true
    }

    private mutating func checkNumber(_ node: SchemaNode, _ groups: KeywordGroups) -> Bool {
        guard let token = scanNumber() else { return false }
        let types = node.types
        let format = options.assertFormats ? node.format : nil
        let needsValue =
            (types != nil && !types!.contains(.number)) || format != nil || groups.contains(.number)
            || groups.contains(.values)
        guard needsValue else { return token.isFinite || number(token) != nil }
        guard let number = number(token) else { return false }
        if let types, !types.contains(.number), !(types.contains(.integer) && number.isInteger) { return false }
        if let format, !format.check(.number(number)) { return false }
        if groups.contains(.number), let rules = node.number {
            switch rules.quickCheck(number.int64, number.double) {
            case true?: break
            case false?: return false
            case nil:
                guard let divisor = rules.multipleOf, isMultiple(number, of: divisor) else { return false }
            }
        }
        return !groups.contains(.values) || valuesAllow(node, .number(number))
    }

    private func valuesAllow(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        if let constant = node.constValue, !jsonEqual(constant, value) { return false }
        if let values = node.enumValues, !values.contains(where: { jsonEqual($0, value) }) { return false }
        return true
    }

    /// `jsonEqual` of a value and a string given as its UTF-8 bytes (strings compare byte for byte).
    private static func equals(_ value: JSONValue, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard case .string(let string) = value, string.utf8.count == text.count else { return false }
        return string.utf8.elementsEqual(text)
    }

    /// Hands `node` to the tree walk: parses just this value's bytes and validates the result, at the same depth.
    mutating func delegate(_ node: SchemaNode) -> Bool {
        let start = offset
        guard skipValue() else { return false }
        var nested = parserOptions
        nested.maxDepth = parserOptions.maxDepth - nesting
        nested.rejectDuplicateKeys = true
        let text = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        guard let value = try? JSONParser.parse(text, options: nested) else { return false }
        var evaluator = SchemaEvaluator(options: options, collect: false, usesDynamicScope: false)
        evaluator.depth = depth - 1
        var annotations = Annotations()
        return evaluator.validate(node, value, track: false, &annotations)
    }
}

extension StringRules {
    /// `quickCheck(_:)` for a string given as its (valid) UTF-8 bytes.
    func check(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        if minLength != nil || maxLength != nil {
            let bytes = text.count
            // Code points are the bytes that do not continue a sequence.
            var scalars: Int {
                var count = 0
                for byte in text where byte & 0xC0 != 0x80 { count += 1 }
                return count
            }
            if let minimum = minLength, bytes < minimum * 4, scalars < minimum { return false }
            if let maximum = maxLength, bytes > maximum, scalars > maximum { return false }
        }
        if let pattern, !pattern.matches(utf8: text) { return false }
        return true
    }
}
