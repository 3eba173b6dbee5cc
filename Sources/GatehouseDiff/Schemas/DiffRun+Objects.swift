import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// Properties matched by name (wherever `allOf` put them), their required-ness, and `additionalProperties`.
    /// `readOnly` properties do not count in requests, nor `writeOnly` ones in responses: a property that becomes one
    /// leaves that direction (an error: callers still send it, clients still read it), one that stops being one
    /// enters it like a property added.
    mutating func compareObjects(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        var names = before.properties.map(\.name)
        var known = Set(names)
        for name in after.properties.map(\.name) + after.required.sorted() where known.insert(name).inserted {
            names.append(name)
        }
        for name in names {
            var old = before.property(name)
            let new = after.property(name)
            let oldIgnored = ignored(old, .base, direction)
            let newIgnored = ignored(new, .revision, direction)
            if let old, let new, !oldIgnored, newIgnored {
                reportAccessFlip(old, new, direction, place.appending(name))
                continue
            }
            if oldIgnored && !newIgnored {
                // Not part of this direction in the base: it enters it as if added.
                old = nil
            }
            let oldRequired = before.required.contains(name) && !oldIgnored
            let newRequired = after.required.contains(name) && !newIgnored
            // Places and messages are made only for a finding: locating a node is not free (a minified file's
            // columns are counted from the start of its one line).
            let newAddress = new ?? after.address.appending("required")
            switch direction {
            case .request:
                if newRequired && !oldRequired {
                    let what = old == nil ? "was added as required" : "became required"
                    report(
                        DiffRules.requestPropertyRequired, "\(place.appending(name).subject) \(what)",
                        at: revision.place(newAddress, key: new != nil),
                        note: old == nil ? nil : "optional in the base",
                        noteAt: old.map { base.place($0, key: true) })
                } else if old == nil, new != nil, !ignored(new, .revision, direction) {
                    report(
                        DiffRules.requestPropertyAdded, "optional \(place.appending(name).subject) was added",
                        at: revision.place(newAddress, key: true), note: "the base's schema",
                        noteAt: base.place(before.address))
                } else if let old, new == nil, !ignored(old, .base, direction) {
                    report(
                        DiffRules.requestPropertyRemoved, "\(place.appending(name).subject) was removed",
                        at: base.place(old, key: true), note: "the revision's schema",
                        noteAt: revision.place(after.address))
                }
            case .response:
                if let old, new == nil, !ignored(old, .base, direction) {
                    let rule =
                        oldRequired
                        ? DiffRules.responseRequiredPropertyRemoved : DiffRules.responseOptionalPropertyRemoved
                    report(
                        rule, "\(oldRequired ? "required" : "optional") \(place.appending(name).subject) was removed",
                        at: base.place(old, key: true), note: "the revision's schema",
                        noteAt: revision.place(after.address))
                } else if oldRequired && !newRequired && new != nil {
                    report(
                        DiffRules.responsePropertyOptional, "\(place.appending(name).subject) is no longer required",
                        at: revision.place(newAddress, key: true), note: "required in the base",
                        noteAt: base.place(before.address.appending("required")))
                } else if old == nil, new != nil, !ignored(new, .revision, direction) {
                    report(
                        DiffRules.responsePropertyAdded, "\(place.appending(name).subject) was added",
                        at: revision.place(newAddress, key: true), note: "the base's schema",
                        noteAt: base.place(before.address))
                }
            }
            if let old, let new, !oldIgnored, !newIgnored {
                compareSchemas(old, new, direction, place.appending(name))
            }
        }
        compareAdditionalProperties(before, after, direction, place)
    }

    private mutating func reportAccessFlip(
        _ old: NodeAddress, _ new: NodeAddress, _ direction: Direction, _ place: SchemaPlace
    ) {
        switch direction {
        case .request:
            report(
                DiffRules.requestPropertyReadOnly,
                "\(place.subject) became readOnly; callers that still send it are refused",
                at: revision.place(new, key: true), note: "writable in the base", noteAt: base.place(old, key: true))
        case .response:
            report(
                DiffRules.responsePropertyWriteOnly,
                "\(place.subject) became writeOnly, so responses no longer have it",
                at: revision.place(new, key: true), note: "returned in the base", noteAt: base.place(old, key: true))
        }
    }

    private mutating func compareAdditionalProperties(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        switch (before.additionalProperties, after.additionalProperties) {
        case (.schema(let old), .schema(let new)):
            compareSchemas(old, new, direction, place.appending("*"))
        case (.closed, .closed), (.open, .open), (.closed, _):
            break
        case (_, .closed(let new)):
            guard direction == .request else { return }
            report(
                DiffRules.requestAdditionalPropertiesClosed, "\(place.subject) no longer accepts unlisted properties",
                at: revision.place(new), note: "the base's schema", noteAt: base.place(before.address))
        default:
            break
        }
    }

    /// True when a property does not take part in this direction (`readOnly` in requests, `writeOnly` in responses).
    private func ignored(_ property: NodeAddress?, _ side: SideName, _ direction: Direction) -> Bool {
        let document = side == .base ? base : revision
        guard let property, let found = document.resolved(property), let schema = found.value.objectValue else {
            return false
        }
        let keyword = direction == .request ? "readOnly" : "writeOnly"
        if schema[keyword]?.boolValue == true { return true }
        return (schema["allOf"]?.arrayValue ?? []).indices.contains { index in
            let member = document.resolved(found.address.appending("allOf").appending(index))
            return member?.value.objectValue?[keyword]?.boolValue == true
        }
    }
}
