import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// Path parameters are matched by their place in the template (a renamed path parameter changes no URL); the
    /// others by name and location, then a leftover pair in the same location with the same schema is a rename.
    mutating func compareParameters(_ before: Operation, _ after: Operation) {
        let basePath = before.path.parameterNames
        let revisionPath = after.path.parameterNames
        for (index, name) in basePath.enumerated() where index < revisionPath.count {
            guard let old = before.parameters.first(where: { $0.location == .path && $0.name == name }),
                let new = after.parameters.first(where: { $0.location == .path && $0.name == revisionPath[index] })
            else { continue }
            compare(old, new)
        }
        var added = after.parameters.filter { parameter in
            parameter.location != .path && !before.parameters.contains { $0.identity == parameter.identity }
        }
        var removed: [Parameter] = []
        for old in before.parameters where old.location != .path {
            if let new = after.parameters.first(where: { $0.identity == old.identity }) {
                compare(old, new)
            } else {
                removed.append(old)
            }
        }
        for old in removed {
            if let index = added.firstIndex(where: { $0.name == old.name }) {
                let new = added.remove(at: index)
                report(
                    DiffRules.parameterMoved,
                    "parameter '\(old.name)' of '\(after.id)' moved from \(old.location.rawValue) to \(new.location.rawValue)",
                    at: revision.place(new.address.appending("in")),
                    note: "the base declares it in \(old.location.rawValue) here", noteAt: base.place(old.address))
                continue
            }
            let candidates = added.indices.filter {
                added[$0].location == old.location && sameSchema(old, added[$0])
            }
            if candidates.count == 1 {
                let new = added.remove(at: candidates[0])
                report(
                    DiffRules.parameterRenamed,
                    "\(old.location.rawValue) parameter '\(old.name)' of '\(after.id)' was renamed to '\(new.name)'",
                    at: revision.place(new.address.appending("name")),
                    note: "the base names it '\(old.name)' here", noteAt: base.place(old.address.appending("name")))
                continue
            }
            reportRemoved(old, from: after)
        }
        for new in added {
            let name = "\(new.location.rawValue) parameter '\(new.name)'"
            if new.required {
                report(
                    DiffRules.parameterAddedRequired, "required \(name) was added to '\(after.id)'",
                    at: revision.place(new.address), note: "the base's operation",
                    noteAt: base.place(before.address, key: true))
            } else {
                report(
                    DiffRules.parameterAdded, "optional \(name) was added to '\(after.id)'",
                    at: revision.place(new.address), note: "the base's operation",
                    noteAt: base.place(before.address, key: true))
            }
        }
    }

    private mutating func reportRemoved(_ old: Parameter, from after: Operation) {
        let name = "\(old.location.rawValue) parameter '\(old.name)'"
        if let sunset = Self.sunset(of: old.extensions, deprecated: old.deprecated), sunset <= today {
            report(
                DiffRules.parameterSunset, "\(name) was removed from '\(after.id)' after its sunset date \(sunset)",
                at: base.place(old.address), note: "the revision's operation",
                noteAt: revision.place(after.address, key: true))
            return
        }
        report(
            DiffRules.parameterRemoved, "\(name) was removed from '\(after.id)'", at: base.place(old.address),
            note: "the revision's operation", noteAt: revision.place(after.address, key: true),
            also: sunsetNote(old.extensions, deprecated: old.deprecated, at: old.address))
    }

    private mutating func compare(_ old: Parameter, _ new: Parameter) {
        let name = "\(new.location.rawValue) parameter '\(new.name)' of '\(operation?.id ?? "")'"
        if !old.required && new.required {
            report(
                DiffRules.parameterRequired, "\(name) became required",
                at: revision.place(new.address.appending("required")),
                note: "optional in the base", noteAt: base.place(old.address))
        }
        if old.style != new.style {
            report(
                DiffRules.parameterStyleChanged,
                "style of \(name) changed from '\(old.style.rawValue)' to '\(new.style.rawValue)'",
                at: revision.place(new.address.appending("style")), note: "the base's declaration",
                noteAt: base.place(old.address))
        } else if old.explode != new.explode {
            report(
                DiffRules.parameterStyleChanged, "explode of \(name) changed from \(old.explode) to \(new.explode)",
                at: revision.place(new.address.appending("explode")), note: "the base's declaration",
                noteAt: base.place(old.address))
        }
        if old.schema == nil, new.schema == nil, !old.content.isEmpty, !new.content.isEmpty {
            compareContent(old, new, name: name)
        } else if let oldSchema = Self.schema(of: old), let newSchema = Self.schema(of: new) {
            compareSchemas(oldSchema, newSchema, .request, SchemaPlace(owner: name))
        }
    }

    /// A parameter written with `content`: every media type compared, not just the first.
    private mutating func compareContent(_ old: Parameter, _ new: Parameter, name: String) {
        let several = old.content.count > 1 || new.content.count > 1
        for oldMedia in old.content {
            guard let newMedia = new.content.first(where: { Self.sameMediaType($0, oldMedia) }) else {
                report(
                    DiffRules.requestMediaTypeRemoved, "\(name) no longer accepts '\(oldMedia.name)'",
                    at: base.place(oldMedia.address, key: true), note: "the revision's media types",
                    noteAt: revision.place(new.address.appending("content")))
                continue
            }
            guard let oldSchema = oldMedia.schema?.address, let newSchema = newMedia.schema?.address else { continue }
            let owner = several ? "\(name) as '\(newMedia.name)'" : name
            compareSchemas(oldSchema, newSchema, .request, SchemaPlace(owner: owner))
        }
    }

    /// The schema of a parameter, or of its single media type.
    static func schema(of parameter: Parameter) -> NodeAddress? {
        parameter.schema?.address ?? parameter.content.first?.schema?.address
    }

    private mutating func sameSchema(_ old: Parameter, _ new: Parameter) -> Bool {
        guard let oldSchema = Self.schema(of: old), let newSchema = Self.schema(of: new) else {
            return Self.schema(of: old) == nil && Self.schema(of: new) == nil
        }
        return fingerprint(oldSchema, .base) == fingerprint(newSchema, .revision)
    }
}
