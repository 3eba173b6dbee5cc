import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// Operations are matched by method and path, with path parameter names ignored (`/pets/{id}` and
    /// `/pets/{petId}` are the same URL). Stable operations go first, so a schema they share with a draft operation
    /// is reported at its full level.
    mutating func compareOperations() {
        var revisionByKey: [String: Operation] = [:]
        for operation in revision.model.operations { revisionByKey[Self.key(operation)] = operation }
        let revisionPaths = Set(revision.model.operations.map { Self.shape($0.path) })
        var reportedPaths = Set<String>()
        let ordered = base.model.operations.enumerated().sorted { left, right in
            (Self.stability(left.element) != nil ? 1 : 0, left.offset)
                < (Self.stability(right.element) != nil ? 1 : 0, right.offset)
        }.map(\.element)
        for before in ordered {
            operation = OperationRef(method: before.method.rawValue, path: before.path.raw, id: before.id)
            unstableLevel = Self.stability(before)
            defer {
                operation = nil
                unstableLevel = nil
            }
            guard let after = revisionByKey[Self.key(before)] else {
                reportRemoved(
                    before, pathGone: !revisionPaths.contains(Self.shape(before.path)), reported: &reportedPaths)
                continue
            }
            operation = OperationRef(method: after.method.rawValue, path: after.path.raw, id: after.id)
            compare(before, after)
        }
        let baseKeys = Set(base.model.operations.map(Self.key))
        for after in revision.model.operations where !baseKeys.contains(Self.key(after)) {
            operation = OperationRef(method: after.method.rawValue, path: after.path.raw, id: after.id)
            report(
                DiffRules.operationAdded,
                "operation '\(after.id)' (\(after.method.rawValue) \(after.path.raw)) was added",
                at: revision.place(after.address, key: true), note: "the base's paths",
                noteAt: base.place(base.document.rootAddress(JSONPointer.root.appending("paths"))))
            operation = nil
        }
    }

    private mutating func reportRemoved(_ before: Operation, pathGone: Bool, reported: inout Set<String>) {
        let name = "operation '\(before.id)' (\(before.method.rawValue) \(before.path.raw))"
        if let sunset = Self.sunset(of: before.extensions, deprecated: before.deprecated), sunset <= today {
            report(
                DiffRules.operationSunset, "\(name) was removed after its sunset date \(sunset)",
                at: base.place(before.address, key: true), note: "the revision's paths",
                noteAt: revision.place(revision.document.rootAddress(JSONPointer.root.appending("paths"))))
            return
        }
        let note = "the revision's paths"
        let sunset = sunsetNote(before.extensions, deprecated: before.deprecated, at: before.address)
        let revisionPaths = revision.place(revision.document.rootAddress(JSONPointer.root.appending("paths")))
        if pathGone {
            guard reported.insert(Self.shape(before.path)).inserted else { return }
            let keyAddress = base.document.rootAddress(JSONPointer.root.appending("paths").appending(before.path.raw))
            // Every operation the path loses is named (those past their sunset date have findings of their own).
            let lost = base.model.operations.filter { other in
                Self.shape(other.path) == Self.shape(before.path)
                    && !(Self.sunset(of: other.extensions, deprecated: other.deprecated).map { $0 <= today } ?? false)
            }
            let names = lost.map { "'\($0.id)' (\($0.method.rawValue) \($0.path.raw))" }.joined(separator: ", ")
            report(
                DiffRules.pathRemoved,
                "path '\(before.path.raw)' was removed, with operation\(lost.count == 1 ? "" : "s") \(names)",
                at: base.place(keyAddress, key: true), note: note, noteAt: revisionPaths, also: sunset)
        } else {
            report(
                DiffRules.operationRemoved, "\(name) was removed", at: base.place(before.address, key: true),
                note: note,
                noteAt: revisionPaths, also: sunset)
        }
    }

    private mutating func compare(_ before: Operation, _ after: Operation) {
        if before.id != after.id {
            let idAddress = after.address.appending("operationId")
            report(
                DiffRules.operationIdChanged,
                "operationId of \(after.method.rawValue) \(after.path.raw) changed from '\(before.id)' to '\(after.id)'",
                at: revision.place(after.hasDeclaredId ? idAddress : after.address, key: !after.hasDeclaredId),
                note: "the base's operationId", noteAt: base.place(before.address.appending("operationId")))
        }
        if !before.deprecated && after.deprecated {
            report(
                DiffRules.operationDeprecated, "operation '\(after.id)' was deprecated",
                at: revision.place(after.address.appending("deprecated")), note: "not deprecated in the base",
                noteAt: base.place(before.address, key: true))
        }
        compareOperationServers(before, after)
        compareParameters(before, after)
        compareRequestBodies(before, after)
        compareResponses(before, after)
        compareSecurity(before, after)
    }

    /// Method and path shape: what identifies an operation across versions.
    static func key(_ operation: Operation) -> String {
        "\(operation.method.rawValue) \(shape(operation.path))"
    }

    /// The path with parameter names left out: `/pets/{}`.
    static func shape(_ path: PathTemplate) -> String {
        path.segments.map { segment in
            segment.map { part in
                switch part {
                case .literal(let text): return text
                case .parameter: return "{}"
                }
            }.joined()
        }.joined(separator: "/")
    }

    /// `draft` or `alpha` when the operation says it may break freely.
    static func stability(_ operation: Operation) -> String? {
        guard let level = operation.extensions["x-stability-level"]?.stringValue?.lowercased(),
            level == "draft" || level == "alpha"
        else { return nil }
        return level
    }

    /// The `x-sunset` date (its first ten characters, `YYYY-MM-DD`) of something deprecated.
    static func sunset(of extensions: JSONObject, deprecated: Bool) -> String? {
        guard deprecated, let text = extensions["x-sunset"]?.stringValue, text.count >= 10 else { return nil }
        return String(text.prefix(10))
    }

    /// Why a removal with a sunset date still to come keeps its level: a note at the base's `x-sunset`.
    func sunsetNote(_ extensions: JSONObject, deprecated: Bool, at address: NodeAddress) -> Diagnostic.Note? {
        guard let sunset = Self.sunset(of: extensions, deprecated: deprecated) else { return nil }
        let location = base.place(address.appending("x-sunset")).location
        return Diagnostic.Note("its 'x-sunset' date \(sunset) has not passed", at: location)
    }
}
