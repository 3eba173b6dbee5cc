extension ByteValidator {
    /// An object's members against `properties`, `patternProperties` and `additionalProperties`, then its counts and
    /// `required`.
    mutating func checkObject(_ rules: ObjectRules) -> Bool {
        guard openContainer() else { return false }
        let table = rules.table
        let keyBase = keys.count
        let presenceBase = presence.count
        // The first 64 `properties` entries seen (duplicates; the others in `presence`), and the required bits seen.
        var present: UInt64 = 0
        var required: UInt64 = 0
        var count = 0
        var guess = 0
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
            offset += 1
        } else {
            while true {
                guard let key = scanKey() else { return false }
                count += 1
                let name = UnsafeBufferPointer(rebasing: bytes[key])
                let valueStart = offset
                var evaluated = false
                if let index = table.lookup(bytes: name, guess: guess) {
                    guess = index + 1
                    if index < 64 {
                        let bit: UInt64 = 1 << UInt64(index)
                        guard present & bit == 0 else { return false }
                        present |= bit
                    } else {
                        guard notePresent(index, base: presenceBase) else { return false }
                    }
                    required |= table.entries[index].requiredBit
                    evaluated = true
                    guard value(table.entries[index].node) else { return false }
                } else {
                    guard noteKey(name, base: keyBase) else { return false }
                }
                for (pattern, subschema) in rules.patternProperties where pattern.matches(utf8: name) {
                    if evaluated { offset = valueStart }
                    evaluated = true
                    guard value(subschema) else { return false }
                }
                if !evaluated {
                    if let additional = rules.additionalProperties {
                        guard value(additional) else { return false }
                    } else {
                        guard skipValue() else { return false }
                    }
                }
                guard let more = nextMember(closing: UInt8(ascii: "}")) else { return false }
                if !more { break }
            }
        }
        nesting -= 1
        defer {
            keys.removeSubrange(keyBase...)
            presence.removeSubrange(presenceBase...)
        }
        if let minimum = rules.minProperties, count < minimum { return false }
        if let maximum = rules.maxProperties, count > maximum { return false }
        if required != table.requiredMask {
            for entry in table.entries where entry.requiredBit & ~required != 0 {
                guard isExempt(rules, entry.key) else { return false }
            }
        }
        for (position, name) in table.otherRequired.enumerated() {
            let index = Int(table.otherRequiredEntries[position])
            let found: Bool
            if index < 0 {
                found = hasKey(name, base: keyBase)
            } else if index < 64 {
                found = present & (1 << UInt64(index)) != 0
            } else {
                let word = presenceBase + (index - 64) / 64
                found = word < presence.count && presence[word] & (1 << UInt64(index % 64)) != 0
            }
            guard found || isExempt(rules, name) else { return false }
        }
        return true
    }

    /// An array's items against `prefixItems` and `items`, then its counts.
    mutating func checkArray(_ rules: ArrayRules) -> Bool {
        guard openContainer() else { return false }
        var count = 0
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
            offset += 1
        } else {
            let prefix = rules.prefixItems
            while true {
                if let schema = count < prefix.count ? prefix[count] : rules.items {
                    guard value(schema) else { return false }
                } else {
                    guard skipValue() else { return false }
                }
                count += 1
                guard let more = nextMember(closing: UInt8(ascii: "]")) else { return false }
                if !more { break }
            }
        }
        nesting -= 1
        if let minimum = rules.minItems, count < minimum { return false }
        if let maximum = rules.maxItems, count > maximum { return false }
        return true
    }

    /// OpenAPI: a required readOnly property is required in responses only, a writeOnly one in requests.
    private func isExempt(_ rules: ObjectRules, _ name: String) -> Bool {
        guard let direction = options.direction, let property = rules.properties[name]?.resolved else { return false }
        return (direction == .request && property.readOnly) || (direction == .response && property.writeOnly)
    }

    /// Marks `properties` entry `index` (64 or more) present in the object whose words start at `base`; false when
    /// it already was (a duplicate key).
    private mutating func notePresent(_ index: Int, base: Int) -> Bool {
        let word = base + (index - 64) / 64
        while presence.count <= word { presence.append(0) }
        let bit: UInt64 = 1 << UInt64(index % 64)
        guard presence[word] & bit == 0 else { return false }
        presence[word] |= bit
        return true
    }

    /// Whether `name` is among the unmatched keys of the object whose keys start at `base`.
    private func hasKey(_ name: String, base: Int) -> Bool {
        var name = name
        return name.withUTF8 { wanted in
            for span in keys[base...] where span.count == wanted.count {
                if span.count == 0
                    || PropertyTable.bytesEqual(bytes.baseAddress! + span.start, wanted.baseAddress!, span.count)
                {
                    return true
                }
            }
            return false
        }
    }

    /// Records an unmatched key of the object whose keys start at `base`; false when it repeats one (or there are
    /// too many to compare).
    mutating func noteKey(_ name: UnsafeBufferPointer<UInt8>, base: Int) -> Bool {
        guard keys.count - base < Self.maxKeys else { return false }
        let hash = PropertyTable.hash(bytes: name)
        let start = name.baseAddress.map { $0 - bytes.baseAddress! } ?? 0
        for span in keys[base...] where span.hash == hash && span.count == name.count {
            if span.count == 0
                || PropertyTable.bytesEqual(bytes.baseAddress! + span.start, name.baseAddress!, span.count)
            {
                return false
            }
        }
        keys.append(KeySpan(start: start, count: name.count, hash: hash))
        return true
    }
}
