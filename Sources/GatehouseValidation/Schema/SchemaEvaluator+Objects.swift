import GatehouseJSON
import GatehouseSpec

extension SchemaEvaluator {
    mutating func checkObject(
        _ node: SchemaNode, _ rules: ObjectRules, _ object: JSONObject, tracking: Bool, _ local: inout Annotations
    ) -> Bool {
        var valid = true
        if let minimum = rules.minProperties, object.count < minimum {
            valid = false
            guard
                report(
                    node, "minProperties",
                    "expected at least \(counted(minimum, "property", plural: "properties")), found \(object.count)")
            else {
                return false
            }
        }
        if let maximum = rules.maxProperties, object.count > maximum {
            valid = false
            guard
                report(
                    node, "maxProperties",
                    "expected at most \(counted(maximum, "property", plural: "properties")), found \(object.count)")
            else {
                return false
            }
        }
        for (name, required) in rules.dependentRequired where object.position(of: name) != nil {
            for other in required where object.position(of: other) == nil {
                valid = false
                let keyword = dependencyKeyword(node)
                guard report(node, keyword, "missing property '\(other)', required when '\(name)' is present") else {
                    return false
                }
            }
        }
        var seen: UInt64 = 0
        if rules.hasMemberRules {
            let outcome = checkMembers(node, rules, object, tracking: tracking, &local, seen: &seen)
            if !outcome.valid {
                valid = false
                if outcome.stop { return false }
            }
        }
        if rules.hasMemberRules {
            if seen != rules.table.requiredMask {
                for entry in rules.table.entries where entry.requiredBit & ~seen != 0 {
                    guard reportMissing(node, rules, entry.key) else { return false }
                    valid = valid && isExempt(rules, entry.key)
                }
            }
            for name in rules.table.otherRequired where object.position(of: name) == nil {
                guard reportMissing(node, rules, name) else { return false }
                valid = valid && isExempt(rules, name)
            }
        } else {
            for name in rules.required where object.position(of: name) == nil {
                guard reportMissing(node, rules, name) else { return false }
                valid = valid && isExempt(rules, name)
            }
        }
        if let names = rules.propertyNames {
            for member in object.members {
                var ignored = Annotations()
                if !probe(names, .string(member.key), track: false, &ignored) {
                    valid = false
                    guard
                        report(
                            node, "propertyNames", "property name \(quote(member.key)) does not match 'propertyNames'")
                    else { return false }
                }
            }
        }
        for (name, subschema) in rules.dependentSchemas where object.position(of: name) != nil {
            if !validate(subschema, .object(object), track: tracking, &local) {
                valid = false
                if !collect || issues.count >= options.maxIssues { return false }
            }
        }
        return valid
    }

    /// `properties`, `patternProperties` and `additionalProperties`, member by member; `seen` collects the
    /// required bits of the properties present.
    private mutating func checkMembers(
        _ node: SchemaNode, _ rules: ObjectRules, _ object: JSONObject, tracking: Bool, _ local: inout Annotations,
        seen: inout UInt64
    ) -> (valid: Bool, stop: Bool) {
        var valid = true
        let table = rules.table
        let hasPatterns = !rules.patternProperties.isEmpty
        let additional = rules.additionalProperties
        let valueOffset = MemoryLayout<JSONObject.Member>.offset(of: \.value) ?? 0
        // Borrowing the members through a buffer avoids copying (and retaining) each one.
        return object.members.withUnsafeBufferPointer { members in
            var guess = 0
            for position in members.indices {
                var evaluated = false
                if let index = table.lookup(members[position].key, guess: guess) {
                    guess = index + 1
                    evaluated = true
                    seen |= table.entries[index].requiredBit
                    // `unowned(unsafe)`: the compiled schema keeps every node alive; this avoids a retain per member.
                    unowned(unsafe) var property = table.entries[index].node
                    while property.isPureReference, let target = property.ref { property = target }
                    if !collect && property.isLeaf {
                        // Passed unmanaged and by address: no retain of the node, no copy of the value.
                        let value = UnsafeRawPointer(members.baseAddress! + position).advanced(by: valueOffset)
                            .assumingMemoryBound(to: JSONValue.self)
                        if !isValidLeaf(Unmanaged.passUnretained(property), value) { return (false, true) }
                    } else if !property.isTrivial, !checkMember(property, members, position) {
                        valid = false
                        if !collect || issues.count >= options.maxIssues { return (false, true) }
                    }
                }
                if hasPatterns {
                    for (pattern, subschema) in rules.patternProperties where pattern.matches(members[position].key) {
                        evaluated = true
                        if !checkMember(subschema, members, position) {
                            valid = false
                            if !collect || issues.count >= options.maxIssues { return (false, true) }
                        }
                    }
                }
                if !evaluated, let additional {
                    evaluated = true
                    if additional.boolean == false {
                        valid = false
                        guard report(node, "additionalProperties", "unexpected property '\(members[position].key)'")
                        else {
                            return (false, true)
                        }
                    } else if !checkMember(additional, members, position) {
                        valid = false
                        if !collect || issues.count >= options.maxIssues { return (false, true) }
                    }
                }
                if tracking && evaluated { local.add(property: members[position].key) }
            }
            return (valid, false)
        }
    }

    /// OpenAPI: a required readOnly property is required in responses only, a writeOnly one in requests.
    private func isExempt(_ rules: ObjectRules, _ name: String) -> Bool {
        guard let direction = options.direction, let property = rules.properties[name]?.resolved else { return false }
        return (direction == .request && property.readOnly) || (direction == .response && property.writeOnly)
    }

    /// Reports a missing required property unless it is exempt; returns whether validation goes on.
    private mutating func reportMissing(_ node: SchemaNode, _ rules: ObjectRules, _ name: String) -> Bool {
        if isExempt(rules, name) { return true }
        return report(node, "required", "missing required property '\(name)'")
    }

    /// Validates one member, read in place from the buffer (no copy of the member, so no reference counting).
    @inline(__always)
    private mutating func checkMember(
        _ subschema: SchemaNode, _ members: UnsafeBufferPointer<JSONObject.Member>, _ position: Int
    ) -> Bool {
        if collect { path.append(.key(members[position].key)) }
        var ignored = Annotations()
        let valid = validate(subschema, members[position].value, track: false, &ignored)
        if collect { path.removeLast() }
        return valid
    }

    private func dependencyKeyword(_ node: SchemaNode) -> String {
        node.json.objectValue?["dependencies"] != nil ? "dependencies" : "dependentRequired"
    }

    mutating func checkArray(
        _ node: SchemaNode, _ rules: ArrayRules, _ elements: [JSONValue], tracking: Bool, _ local: inout Annotations
    ) -> Bool {
        var valid = true
        if let minimum = rules.minItems, elements.count < minimum {
            valid = false
            guard report(node, "minItems", "expected at least \(counted(minimum, "item")), found \(elements.count)")
            else {
                return false
            }
        }
        if let maximum = rules.maxItems, elements.count > maximum {
            valid = false
            guard report(node, "maxItems", "expected at most \(counted(maximum, "item")), found \(elements.count)")
            else {
                return false
            }
        }
        if rules.uniqueItems, let (first, second) = firstDuplicate(elements) {
            valid = false
            guard report(node, "uniqueItems", "expected unique items, found items \(first) and \(second) equal")
            else { return false }
        }
        let prefixCount = min(rules.prefixItems.count, elements.count)
        for index in 0..<prefixCount where !checkElement(rules.prefixItems[index], elements, index) {
            valid = false
            if !collect || issues.count >= options.maxIssues { return false }
        }
        if tracking { local.itemCount = max(local.itemCount, prefixCount) }
        if let items = rules.items, elements.count > prefixCount {
            if items.boolean == false {
                valid = false
                guard report(node, rules.itemsKeyword, "expected at most \(prefixCount) items, found \(elements.count)")
                else { return false }
            } else if !collect && items.isLeaf {
                let leaf = Unmanaged.passUnretained(items)
                let allValid = elements.withUnsafeBufferPointer { buffer in
                    for index in prefixCount..<buffer.count where !isValidLeaf(leaf, buffer.baseAddress! + index) {
                        return false
                    }
                    return true
                }
                if !allValid { return false }
            } else if !items.isTrivial {
                for index in prefixCount..<elements.count where !checkElement(items, elements, index) {
                    valid = false
                    if !collect || issues.count >= options.maxIssues { return false }
                }
            }
            if tracking { local.allItems = true }
        }
        if let contains = rules.contains {
            var matches = 0
            for (index, element) in elements.enumerated() {
                var ignored = Annotations()
                if probe(contains, element, track: false, &ignored) {
                    matches += 1
                    if tracking { local.add(item: index) }
                }
            }
            if matches < rules.minContains {
                valid = false
                let keyword = rules.minContains == 1 ? "contains" : "minContains"
                guard
                    report(
                        node, keyword,
                        "expected at least \(rules.minContains) items matching 'contains', found \(matches)")
                else { return false }
            }
            if let maximum = rules.maxContains, matches > maximum {
                valid = false
                guard
                    report(
                        node, "maxContains", "expected at most \(maximum) items matching 'contains', found \(matches)")
                else { return false }
            }
        }
        return valid
    }

    @inline(__always)
    private mutating func checkElement(_ subschema: SchemaNode, _ elements: [JSONValue], _ index: Int) -> Bool {
        if collect { path.append(.index(index)) }
        var ignored = Annotations()
        let valid = validate(subschema, elements[index], track: false, &ignored)
        if collect { path.removeLast() }
        return valid
    }

    /// The first pair of equal items (JSON equality: 1 equals 1.0, object member order does not matter).
    private func firstDuplicate(_ elements: [JSONValue]) -> (Int, Int)? {
        if elements.count < 2 { return nil }
        if elements.count <= 16 {
            // Compared in place in the buffer: no copy (and no reference counting) of each element.
            return elements.withUnsafeBufferPointer { buffer -> (Int, Int)? in
                for first in 0..<buffer.count {
                    for second in (first + 1)..<buffer.count where jsonEqual(buffer[first], buffer[second]) {
                        return (first, second)
                    }
                }
                return nil
            }
        }
        // Swift's hashing is coarser than JSON equality (canonically equivalent strings collide), so buckets are
        // confirmed with `jsonEqual`.
        var buckets: [JSONValue: [Int]] = [:]
        buckets.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            if let earlier = buckets[element]?.first(where: { jsonEqual(elements[$0], element) }) {
                return (earlier, index)
            }
            buckets[element, default: []].append(index)
        }
        return nil
    }
}
