import GatehouseJSON
import GatehouseSpec

extension SchemaEvaluator {
    /// `isValid` for a node with only type, format, string, number and value keywords: the common property schema,
    /// checked without the bookkeeping of `validate` (depth, dynamic scope, annotations).
    ///
    /// The node comes unmanaged and the value by address, so the call costs no reference counting.
    func isValidLeaf(_ unmanaged: Unmanaged<SchemaNode>, _ pointer: UnsafePointer<JSONValue>) -> Bool {
        unmanaged._withUnsafeGuaranteedRef { node in
            let groups = node.groups
            // Switching on the pointee binds only the payload it needs, instead of copying the whole value.
            switch pointer.pointee {
            case .string:
                if let types = node.types, !types.contains(.string) { return false }
                // The text is bound (a retain of its storage) only when a keyword reads it.
                let format = options.assertFormats ? node.format : nil
                if format != nil || groups.contains(.string), case .string(let text) = pointer.pointee {
                    if let format, !format.checkString(text) { return false }
                    if groups.contains(.string), !node.string!.quickCheck(text) { return false }
                }
            case .number(let number):
                if let types = node.types, !types.contains(.number), !(types.contains(.integer) && number.isInteger) {
                    return false
                }
                if let format = node.format, options.assertFormats, !format.check(.number(number)) { return false }
                if groups.contains(.number), node.number!.quickCheck(number.int64, number.double) != true {
                    // The full check decides decimal `multipleOf`.
                    guard let rules = node.number, let divisor = rules.multipleOf,
                        rules.quickCheck(number.int64, number.double) == nil, isMultiple(number, of: divisor)
                    else { return false }
                }
            case .bool:
                if let types = node.types, !types.contains(.boolean) { return false }
            case .null:
                if let types = node.types, !types.contains(.null) { return false }
            case .array:
                if let types = node.types, !types.contains(.array) { return false }
            case .object:
                if let types = node.types, !types.contains(.object) { return false }
            }
            return groups.contains(.values) ? enumAllows(node, pointer.pointee) : true
        }
    }
    @inline(__always)
    private func enumAllows(_ node: SchemaNode, _ value: JSONValue) -> Bool {
        guard node.groups.contains(.values) else { return true }
        if let constant = node.constValue, !jsonEqual(constant, value) { return false }
        if let values = node.enumValues, !values.contains(where: { jsonEqual($0, value) }) { return false }
        return true
    }
}

extension StringRules {
    /// Whether `text` passes `minLength`, `maxLength` and `pattern`.
    @inline(__always)
    func quickCheck(_ text: String) -> Bool {
        if minLength != nil || maxLength != nil {
            let bytes = text.utf8.count
            if let minimum = minLength, bytes < minimum * 4, text.unicodeScalars.count < minimum { return false }
            if let maximum = maxLength, bytes > maximum, text.unicodeScalars.count > maximum { return false }
        }
        if let pattern, !pattern.matches(text) { return false }
        return true
    }
}
