import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// The constraints beyond bounds and patterns: `multipleOf`, `uniqueItems`, `not`, `prefixItems`,
    /// `patternProperties` and `dependentRequired`, each read in `direction` (a request breaks when it accepts less, a
    /// response when it may return more).
    mutating func compareConstraints(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        compareMultipleOf(before, after, direction, place)
        compareUniqueItems(before, after, direction, place)
        compareNot(before, after, direction, place)
        comparePrefixItems(before, after, direction, place)
        comparePatternProperties(before, after, direction, place)
        compareDependentRequired(before, after, direction, place)
    }

    /// Multiples of `old` are multiples of `new` when `old` is a multiple of `new`: then the new set is no narrower.
    private mutating func compareMultipleOf(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        let old = before.multipleOf
        let new = after.multipleOf
        guard old?.value != new?.value else { return }
        // Narrowed: the base accepted a value the revision refuses; widened: the other way round.
        let narrowed: Bool
        let widened: Bool
        switch (old, new) {
        case (let old?, let new?):
            narrowed = !Self.isMultiple(old.value, of: new.value)
            widened = !Self.isMultiple(new.value, of: old.value)
        case (nil, _?):
            (narrowed, widened) = (true, false)
        default:
            (narrowed, widened) = (false, true)
        }
        let change =
            "multipleOf of \(place.subject) changed from \(Self.describe(old?.value)) to \(Self.describe(new?.value))"
        let newPlace = revision.place(new?.address ?? after.address)
        let oldPlace = base.place(old?.address ?? before.address)
        switch direction {
        case .request where narrowed:
            report(
                DiffRules.requestConstraintNarrowed, change, at: newPlace, note: "the base's schema", noteAt: oldPlace)
        case .request where widened:
            report(DiffRules.requestSchemaWidened, change, at: newPlace, note: "the base's schema", noteAt: oldPlace)
        case .response where widened:
            report(
                DiffRules.responseConstraintWidened, change, at: newPlace, note: "the base's schema", noteAt: oldPlace)
        default:
            break
        }
    }

    static func isMultiple(_ value: Double, of divisor: Double) -> Bool {
        guard divisor != 0 else { return false }
        let ratio = value / divisor
        return abs(ratio - ratio.rounded()) < 1e-9 * max(1, abs(ratio))
    }

    private mutating func compareUniqueItems(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        switch (before.uniqueItems, after.uniqueItems, direction) {
        case (nil, let new?, .request):
            report(
                DiffRules.requestConstraintNarrowed, "\(place.subject) no longer accepts repeated items (uniqueItems)",
                at: revision.place(new), note: "the base's schema", noteAt: base.place(before.address))
        case (nil, _?, .response), (_?, _?, _), (nil, nil, _):
            break
        case (let old?, nil, .response):
            report(
                DiffRules.responseConstraintWidened,
                "\(place.subject) may now have repeated items (uniqueItems removed)",
                at: revision.place(after.address), note: "the base's uniqueItems", noteAt: base.place(old))
        case (let old?, nil, .request):
            report(
                DiffRules.requestSchemaWidened, "\(place.subject) now accepts repeated items (uniqueItems removed)",
                at: revision.place(after.address), note: "the base's uniqueItems", noteAt: base.place(old))
        }
    }

    /// A `not` added excludes values a request could send; one removed lets a response return them. A changed `not`
    /// may do either, so it counts as both.
    private mutating func compareNot(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        let change: String
        switch (before.not, after.not) {
        case (nil, nil):
            return
        case (nil, _?):
            change = "'not' was added to \(place.subject)"
        case (_?, nil):
            change = "'not' was removed from \(place.subject)"
        case (let old?, let new?):
            guard fingerprint(old, .base) != fingerprint(new, .revision) else { return }
            change = "the 'not' schema of \(place.subject) changed"
        }
        let newPlace = revision.place(after.not ?? after.address)
        let oldPlace = base.place(before.not ?? before.address)
        switch direction {
        case .request:
            guard after.not != nil else {
                report(
                    DiffRules.requestSchemaWidened, change, at: newPlace, note: "the base's schema", noteAt: oldPlace)
                return
            }
            report(
                DiffRules.requestConstraintNarrowed, change, at: newPlace, note: "the base's schema", noteAt: oldPlace)
        case .response:
            guard before.not != nil else { return }
            report(
                DiffRules.responseConstraintWidened, change, at: newPlace, note: "the base's schema", noteAt: oldPlace)
        }
    }

    /// Items by position: each position in both compared; a position the revision adds constrains requests, one it
    /// drops frees responses.
    private mutating func comparePrefixItems(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        let old = before.prefixItems?.value ?? []
        let new = after.prefixItems?.value ?? []
        for index in 0..<min(old.count, new.count) {
            compareSchemas(old[index], new[index], direction, place.appending("[\(index)]"))
        }
        switch direction {
        case .request where new.count > old.count:
            report(
                DiffRules.requestConstraintNarrowed,
                "prefixItems of \(place.subject) now constrain item\(new.count - old.count == 1 ? "" : "s") "
                    + (old.count..<new.count).map(String.init).joined(separator: ", "),
                at: revision.place(new[old.count]), note: "the base's schema",
                noteAt: base.place(before.prefixItems?.address ?? before.address))
        case .response where old.count > new.count:
            report(
                DiffRules.responseConstraintWidened,
                "prefixItems of \(place.subject) no longer constrain item\(old.count - new.count == 1 ? "" : "s") "
                    + (new.count..<old.count).map(String.init).joined(separator: ", "),
                at: revision.place(after.prefixItems?.address ?? after.address), note: "the base's prefixItems",
                noteAt: base.place(old[new.count]))
        default:
            break
        }
    }

    /// Patterns match by their text. A pattern removed from a closed request object leaves the names it matched
    /// refused; one added to an open object constrains them.
    private mutating func comparePatternProperties(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        for (pattern, old) in before.patternProperties {
            let subject = "properties matching '\(pattern)' of \(place.subject)"
            if let new = after.patternProperties.first(where: { $0.pattern == pattern })?.address {
                compareSchemas(old, new, direction, place.appending("/\(pattern)/"))
                continue
            }
            switch (direction, after.additionalProperties) {
            case (.request, .closed(let closed)):
                report(
                    DiffRules.requestAdditionalPropertiesClosed,
                    "\(subject) are no longer accepted (the pattern was removed and the object is closed)",
                    at: revision.place(closed), note: "the base's pattern", noteAt: base.place(old, key: true))
            case (.response, .closed):
                break
            case (.response, _):
                report(
                    DiffRules.responseConstraintWidened,
                    "\(subject) are no longer constrained (the pattern was removed)",
                    at: revision.place(after.address), note: "the base's pattern", noteAt: base.place(old, key: true))
            case (.request, _):
                break
            }
        }
        guard direction == .request else { return }
        for (pattern, new) in after.patternProperties
        where !before.patternProperties.contains(where: { $0.pattern == pattern }) {
            let subject = "properties matching '\(pattern)' of \(place.subject)"
            if case .closed = before.additionalProperties {
                report(
                    DiffRules.requestSchemaWidened, "\(subject) are now accepted", at: revision.place(new, key: true),
                    note: "the base's schema", noteAt: base.place(before.address))
            } else {
                report(
                    DiffRules.requestConstraintNarrowed, "\(subject) must now match a schema",
                    at: revision.place(new, key: true), note: "the base's schema", noteAt: base.place(before.address))
            }
        }
    }

    /// `dependentRequired`: a request property required when another is sent, or a response property no longer
    /// guaranteed with another. Names required anyway do not count.
    private mutating func compareDependentRequired(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        switch direction {
        case .request:
            for (trigger, new) in after.dependentRequired.sorted(by: { $0.key < $1.key }) {
                let old = before.dependentRequired[trigger]
                for name in new.value where !(old?.value.contains(name) ?? false) && !before.required.contains(name) {
                    report(
                        DiffRules.requestPropertyRequired,
                        "\(place.appending(name).subject) is now required when '\(trigger)' is sent",
                        at: revision.place(new.address, key: true),
                        note: old == nil ? "the base's schema" : "the base's list",
                        noteAt: base.place(old?.address ?? before.address))
                }
            }
        case .response:
            for (trigger, old) in before.dependentRequired.sorted(by: { $0.key < $1.key }) {
                let new = after.dependentRequired[trigger]
                for name in old.value where !(new?.value.contains(name) ?? false) && !after.required.contains(name) {
                    report(
                        DiffRules.responsePropertyOptional,
                        "\(place.appending(name).subject) is no longer required when '\(trigger)' is present",
                        at: revision.place(new?.address ?? after.address, key: new != nil), note: "the base's list",
                        noteAt: base.place(old.address, key: true))
                }
            }
        }
    }
}
