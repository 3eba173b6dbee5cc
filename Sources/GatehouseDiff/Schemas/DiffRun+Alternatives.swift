import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// `oneOf`/`anyOf` alternatives matched by content, never by position: by discriminator value, then by structural
    /// fingerprint, then by component name, then by likeness (same types, mostly the same properties). A schema
    /// without alternatives facing one with them counts as a single alternative (`oneOf: [A]` and `A` are the same).
    mutating func compareAlternatives(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        var old = before.alternatives?.value ?? [before.address]
        var new = after.alternatives?.value ?? [after.address]
        var pairs: [(NodeAddress, NodeAddress)] = []
        func take(_ matches: (NodeAddress, NodeAddress) -> Bool) {
            for oldAlternative in old {
                guard let index = new.firstIndex(where: { matches(oldAlternative, $0) }) else { continue }
                pairs.append((oldAlternative, new.remove(at: index)))
                old.removeAll { $0 == oldAlternative }
            }
        }
        if let oldDiscriminator = before.discriminator, let newDiscriminator = after.discriminator,
            oldDiscriminator.propertyName == newDiscriminator.propertyName
        {
            let oldValues = Dictionary(
                old.map { ($0, discriminatorValue($0, oldDiscriminator, .base)) },
                uniquingKeysWith: { first, _ in first })
            let newValues = Dictionary(
                new.map { ($0, discriminatorValue($0, newDiscriminator, .revision)) },
                uniquingKeysWith: { first, _ in first })
            take { left, right in
                guard let value = oldValues[left] ?? nil else { return false }
                return value == newValues[right] ?? nil
            }
        }
        var oldPrints: [NodeAddress: SchemaFingerprints.Fingerprint] = [:]
        var newPrints: [NodeAddress: SchemaFingerprints.Fingerprint] = [:]
        for address in old { oldPrints[address] = fingerprint(address, .base) }
        for address in new { newPrints[address] = fingerprint(address, .revision) }
        take { left, right in oldPrints[left] == newPrints[right] }
        take { left, right in
            guard let l = componentName(left, in: base), let r = componentName(right, in: revision) else {
                return false
            }
            return l == r
        }
        take { left, right in likeness(left, right) >= 0.5 }
        for (oldAlternative, newAlternative) in pairs {
            compareSchemas(oldAlternative, newAlternative, direction, place)
        }
        let keyword = after.alternatives.map { $0.address.pointer.lastToken ?? "oneOf" } ?? "oneOf"
        switch direction {
        case .request:
            for oldAlternative in old {
                report(
                    DiffRules.requestAlternativeRemoved,
                    "\(place.subject) no longer accepts \(describe(oldAlternative, in: base)), a '\(keyword)' alternative of the base",
                    at: revision.place(after.alternatives?.address ?? after.address), note: "the base's alternative",
                    noteAt: base.place(oldAlternative))
            }
            for newAlternative in new {
                report(
                    DiffRules.requestSchemaWidened,
                    "\(place.subject) now also accepts \(describe(newAlternative, in: revision))",
                    at: revision.place(newAlternative), note: "the base's alternatives",
                    noteAt: base.place(before.alternatives?.address ?? before.address))
            }
        case .response:
            for newAlternative in new {
                report(
                    DiffRules.responseAlternativeAdded,
                    "\(place.subject) may now be \(describe(newAlternative, in: revision)), a new '\(keyword)' alternative",
                    at: revision.place(newAlternative), note: "the base's alternatives",
                    noteAt: base.place(before.alternatives?.address ?? before.address))
            }
        }
    }

    /// The value of the discriminator property that selects an alternative: from the mapping, else the const or single
    /// enum value of the property, else the component name of the `$ref`.
    private func discriminatorValue(_ address: NodeAddress, _ discriminator: SchemaView.Discriminator, _ side: SideName)
        -> String?
    {
        let document = side == .base ? base : revision
        if case .object(let object)? = document.document.value(at: address), let ref = object["$ref"]?.stringValue {
            if let mapped = discriminator.valuesByReference[ref] { return mapped }
        }
        if let view = SchemaView(side: document, address: address),
            let property = view.property(discriminator.propertyName),
            let values = SchemaView(side: document, address: property)?.enumValues?.value, values.count == 1,
            let value = values.first?.stringValue
        {
            return value
        }
        return componentName(address, in: document)
    }

    /// The name a `$ref` alternative points at (`Cat` for `#/components/schemas/Cat`).
    private func componentName(_ address: NodeAddress, in side: DiffSide) -> String? {
        guard case .object(let object)? = side.document.value(at: address), let ref = object["$ref"]?.stringValue
        else { return nil }
        return ref.split(separator: "/").last.map(String.init)
    }

    /// Same types and the share of property names in common (1 for two scalars of the same type).
    private func likeness(_ old: NodeAddress, _ new: NodeAddress) -> Double {
        guard let before = SchemaView(side: base, address: old), let after = SchemaView(side: revision, address: new),
            before.types?.value == after.types?.value
        else { return 0 }
        let oldNames = Set(before.properties.map(\.name))
        let newNames = Set(after.properties.map(\.name))
        let union = oldNames.union(newNames)
        guard !union.isEmpty else { return before.types == nil ? 0 : 1 }
        return Double(oldNames.intersection(newNames).count) / Double(union.count)
    }

    /// `'Cat'` for a `$ref`, else `a string`, `an object with 'id', 'name'`.
    private func describe(_ address: NodeAddress, in side: DiffSide) -> String {
        if let name = componentName(address, in: side) { return "'\(name)'" }
        guard let view = SchemaView(side: side, address: address) else { return "an alternative" }
        let types = view.types.map { Self.typeList($0.value) } ?? "any value"
        let names = view.properties.prefix(3).map { "'\($0.name)'" }.joined(separator: ", ")
        return names.isEmpty ? types : "\(types) with \(names)"
    }
}
