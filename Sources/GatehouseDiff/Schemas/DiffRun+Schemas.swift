import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// Compares the schema at `old` in the base with the one at `new` in the revision, read in `direction`.
    ///
    /// Pairs are compared breadth first from a queue, not by recursion: however deep a schema nests, the stack does
    /// not grow, and a change is reported at the shortest path that reaches it. Each pair is compared once per
    /// direction, so a schema shared by many operations is reported once and a cyclic schema ends where it meets a
    /// pair already queued.
    mutating func compareSchemas(_ old: NodeAddress, _ new: NodeAddress, _ direction: Direction, _ place: SchemaPlace) {
        schemaQueue.append(
            QueuedComparison(old: old, new: new, direction: direction, place: place, parent: currentPair))
        guard !isComparingSchemas else { return }
        isComparingSchemas = true
        defer {
            isComparingSchemas = false
            currentPair = nil
            schemaQueue.removeAll(keepingCapacity: true)
        }
        var next = 0
        while next < schemaQueue.count {
            let item = schemaQueue[next]
            next += 1
            comparePair(item)
        }
    }

    private mutating func comparePair(_ item: QueuedComparison) {
        let (old, new, direction, place) = (item.old, item.new, item.direction, item.place)
        // Pairs are keyed by where the schemas are after their `$ref`s: two references to one schema are one pair.
        guard let oldResolved = base.resolved(old), let newResolved = revision.resolved(new) else { return }
        let pair = SchemaPair(base: oldResolved.address, revision: newResolved.address, direction: direction)
        let visit = schemaReach.visit(pair, from: item.parent, operation: operation)
        guard visit.isNew, let before = SchemaView(side: base, resolved: oldResolved),
            let after = SchemaView(side: revision, resolved: newResolved)
        else { return }
        currentPair = visit.number
        if before.alternatives != nil || after.alternatives != nil {
            compareAlternatives(before, after, direction, place)
            guard before.alternatives != nil && after.alternatives != nil else { return }
        }
        compareTypes(before, after, direction, place)
        compareEnums(before, after, direction, place)
        compareFormats(before, after, direction, place)
        compareBounds(before, after, direction, place)
        comparePatterns(before, after, direction, place)
        compareObjects(before, after, direction, place)
        compareConstraints(before, after, direction, place)
        if let oldItems = before.items, let newItems = after.items {
            compareSchemas(oldItems, newItems, direction, place.appending("[]"))
        }
    }

    private mutating func compareTypes(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        guard let old = before.types, let new = after.types else { return }
        let oldTypes = Self.typeList(old.value)
        let newTypes = Self.typeList(new.value)
        switch direction {
        case .request:
            let lost = old.value.filter { !Self.allows(new.value, $0) }
            if !lost.isEmpty {
                report(
                    DiffRules.requestTypeChanged, "type of \(place.subject) changed from \(oldTypes) to \(newTypes)",
                    at: revision.place(new.address), note: "the base's type", noteAt: base.place(old.address))
            } else if new.value.contains(where: { !Self.allows(old.value, $0) }) {
                report(
                    DiffRules.requestSchemaWidened, "type of \(place.subject) widened from \(oldTypes) to \(newTypes)",
                    at: revision.place(new.address), note: "the base's type", noteAt: base.place(old.address))
            }
        case .response:
            let gained = new.value.filter { !Self.allows(old.value, $0) }
            if !gained.isEmpty {
                report(
                    DiffRules.responseTypeChanged, "type of \(place.subject) changed from \(oldTypes) to \(newTypes)",
                    at: revision.place(new.address), note: "the base's type", noteAt: base.place(old.address))
            }
        }
    }

    private mutating func compareEnums(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        switch (before.enumValues, after.enumValues, direction) {
        case (let old?, let new?, _) where old.value == new.value:
            break
        case (let old?, let new?, .request):
            let newValues = Set(new.value)
            let oldValues = Set(old.value)
            let removed = old.value.filter { !newValues.contains($0) }
            if !removed.isEmpty {
                report(
                    DiffRules.requestEnumValueRemoved,
                    "\(place.subject) no longer accepts \(Self.values(removed))", at: revision.place(new.address),
                    note: "the base's values", noteAt: base.place(old.address))
            }
            let added = new.value.filter { !oldValues.contains($0) }
            if !added.isEmpty {
                report(
                    DiffRules.requestSchemaWidened, "\(place.subject) now accepts \(Self.values(added))",
                    at: revision.place(new.address), note: "the base's values", noteAt: base.place(old.address))
            }
        case (nil, let new?, .request):
            report(
                DiffRules.requestEnumValueRemoved, "\(place.subject) now accepts only \(Self.values(new.value))",
                at: revision.place(new.address), note: "the base's schema has no enum",
                noteAt: base.place(before.address))
        case (let old?, let new?, .response):
            let oldValues = Set(old.value)
            let added = new.value.filter { !oldValues.contains($0) }
            if !added.isEmpty {
                report(
                    DiffRules.responseEnumValueAdded, "\(place.subject) may now be \(Self.values(added))",
                    at: revision.place(new.address), note: "the base's values", noteAt: base.place(old.address))
            }
        case (let old?, nil, .response):
            report(
                DiffRules.responseEnumValueAdded, "\(place.subject) is no longer limited to \(Self.values(old.value))",
                at: revision.place(after.address), note: "the base's values", noteAt: base.place(old.address))
        default:
            break
        }
    }

    private mutating func compareFormats(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        let old = before.format?.value
        let new = after.format?.value
        guard old != new else { return }
        let change =
            "format of \(place.subject) changed from \(old.map { "'\($0)'" } ?? "none") to \(new.map { "'\($0)'" } ?? "none")"
        let widening: Set<[String?]> = [["int32", "int64"], ["float", "double"], ["int32", nil], ["int64", nil]]
        switch direction {
        case .request:
            guard let newFormat = after.format, !widening.contains([old, new]) else { return }
            report(
                DiffRules.requestFormatChanged, change, at: revision.place(newFormat.address),
                note: "the base's schema", noteAt: base.place(before.format?.address ?? before.address))
        case .response:
            guard let oldFormat = before.format else { return }
            report(
                DiffRules.responseFormatChanged, change, at: revision.place(after.format?.address ?? after.address),
                note: "the base's format", noteAt: base.place(oldFormat.address))
        }
    }

    private mutating func compareBounds(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        for keyword in SchemaView.upperBounds + SchemaView.lowerBounds {
            let old = before.bounds[keyword]
            let new = after.bounds[keyword]
            guard old?.value != new?.value else { continue }
            let isUpper = SchemaView.upperBounds.contains(keyword)
            // Tighter: a bound where there was none, a lower maximum, a higher minimum.
            let tighter: Bool
            switch (old, new) {
            case (nil, _?): tighter = true
            case (_?, nil): tighter = false
            case (let old?, let new?): tighter = isUpper ? new.value < old.value : new.value > old.value
            default: continue
            }
            let change =
                "\(keyword) of \(place.subject) changed from \(Self.describe(old?.value)) to \(Self.describe(new?.value))"
            let newPlace = revision.place(new?.address ?? after.address)
            let oldPlace = base.place(old?.address ?? before.address)
            switch (direction, tighter) {
            case (.request, true):
                report(
                    DiffRules.requestConstraintNarrowed, change, at: newPlace, note: "the base's bound",
                    noteAt: oldPlace)
            case (.request, false):
                report(DiffRules.requestSchemaWidened, change, at: newPlace, note: "the base's bound", noteAt: oldPlace)
            case (.response, false):
                report(
                    DiffRules.responseConstraintWidened, change, at: newPlace, note: "the base's bound",
                    noteAt: oldPlace)
            case (.response, true):
                break
            }
        }
    }

    private mutating func comparePatterns(
        _ before: SchemaView, _ after: SchemaView, _ direction: Direction, _ place: SchemaPlace
    ) {
        let old = before.pattern
        let new = after.pattern
        guard old?.value != new?.value else { return }
        let change: String
        switch (old, new) {
        case (nil, let new?): change = "pattern '\(new.value)' was added to \(place.subject)"
        case (let old?, nil): change = "pattern '\(old.value)' was removed from \(place.subject)"
        default: change = "pattern of \(place.subject) changed from '\(old?.value ?? "")' to '\(new?.value ?? "")'"
        }
        switch direction {
        case .request:
            guard let new else { return }
            report(
                DiffRules.requestConstraintNarrowed, change, at: revision.place(new.address), note: "the base's schema",
                noteAt: base.place(old?.address ?? before.address))
        case .response:
            guard let old else { return }
            report(
                DiffRules.responseConstraintWidened, change, at: revision.place(new?.address ?? after.address),
                note: "the base's pattern", noteAt: base.place(old.address))
        }
    }

    /// Whether a set of types allows `type` (an integer is a number).
    static func allows(_ types: Set<String>, _ type: String) -> Bool {
        types.contains(type) || (type == "integer" && types.contains("number"))
    }

    static func typeList(_ types: Set<String>) -> String {
        types.isEmpty ? "nothing" : types.sorted().map { "'\($0)'" }.joined(separator: " or ")
    }

    static func values(_ values: [JSONValue]) -> String {
        let shown = values.prefix(5).map { value in
            value.stringValue.map { "'\($0)'" } ?? JSONWriter.string(value)
        }
        let more = values.count > 5 ? " and \(values.count - 5) more" : ""
        return shown.joined(separator: ", ") + more
    }

    static func describe(_ bound: Double?) -> String {
        guard let bound else { return "none" }
        return bound.rounded() == bound && abs(bound) < 1e15 ? "\(Int(bound))" : "\(bound)"
    }
}
