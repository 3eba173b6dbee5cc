import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// Responses match by status; a code and the range it falls in (`200` and `2XX`) are the same responses when the
    /// other side has no exact match, so writing `200` as `2XX` (or back) removes nothing.
    mutating func compareResponses(_ before: Operation, _ after: Operation) {
        for old in before.responses {
            let partners = Self.partners(of: old.status, in: after.responses, otherSide: before.responses)
            guard !partners.isEmpty else {
                let rule =
                    old.status.isSuccess ? DiffRules.responseSuccessStatusRemoved : DiffRules.responseStatusRemoved
                report(
                    rule, "response \(old.status) of '\(after.id)' was removed", at: base.place(old.address, key: true),
                    note: "the revision's responses", noteAt: revision.place(after.address.appending("responses")))
                continue
            }
            for new in partners { compare(old, new) }
        }
        for new in after.responses
        where Self.partners(of: new.status, in: before.responses, otherSide: after.responses).isEmpty {
            let rule = new.status.isSuccess ? DiffRules.responseSuccessStatusAdded : DiffRules.responseStatusAdded
            report(
                rule, "response \(new.status) was added to '\(after.id)'", at: revision.place(new.address, key: true),
                note: "the base's responses", noteAt: base.place(before.address.appending("responses")))
        }
    }

    /// The responses of `candidates` that answer for `status`: the one with the same status, else those related by
    /// range (`2XX` for `200`, the `2XX` codes for `2XX`) that have no exact match on `status`'s own side.
    private static func partners(
        of status: ResponseStatus, in candidates: [Response], otherSide: [Response]
    ) -> [Response] {
        if let exact = candidates.first(where: { $0.status == status }) { return [exact] }
        return candidates.filter { candidate in
            related(status, candidate.status) && !otherSide.contains { $0.status == candidate.status }
        }
    }

    /// A code and the range it falls in.
    private static func related(_ left: ResponseStatus, _ right: ResponseStatus) -> Bool {
        switch (left, right) {
        case (.code(let code), .range(let range)), (.range(let range), .code(let code)): return code / 100 == range
        default: return false
        }
    }

    private mutating func compare(_ old: Response, _ new: Response) {
        let id = operation?.id ?? ""
        for oldMedia in old.content {
            guard let newMedia = new.content.first(where: { Self.sameMediaType($0, oldMedia) }) else {
                report(
                    DiffRules.responseMediaTypeRemoved,
                    "response \(new.status) of '\(id)' no longer returns '\(oldMedia.name)'",
                    at: base.place(oldMedia.address, key: true), note: "the revision's response",
                    noteAt: revision.place(new.address))
                continue
            }
            if let oldSchema = oldMedia.schema?.address, let newSchema = newMedia.schema?.address {
                let place = SchemaPlace(owner: "the '\(newMedia.name)' body of response \(new.status) of '\(id)'")
                compareSchemas(oldSchema, newSchema, .response, place)
            }
        }
        compareHeaders(old, new)
    }

    private mutating func compareHeaders(_ old: Response, _ new: Response) {
        let id = operation?.id ?? ""
        for oldHeader in old.headers {
            let name = "header '\(oldHeader.name)' of response \(new.status) of '\(id)'"
            guard let newHeader = new.headers.first(where: { $0.name.lowercased() == oldHeader.name.lowercased() })
            else {
                if oldHeader.required {
                    report(
                        DiffRules.responseHeaderRemoved, "required \(name) was removed",
                        at: base.place(oldHeader.address, key: true), note: "the revision's response",
                        noteAt: revision.place(new.address))
                }
                continue
            }
            if oldHeader.required && !newHeader.required {
                report(
                    DiffRules.responseHeaderOptional, "\(name) is no longer required",
                    at: revision.place(newHeader.address, key: true), note: "required in the base",
                    noteAt: base.place(oldHeader.address.appending("required")))
            }
            if let oldSchema = oldHeader.schema?.address, let newSchema = newHeader.schema?.address {
                compareSchemas(oldSchema, newSchema, .response, SchemaPlace(owner: name))
            }
        }
        for newHeader in new.headers
        where !old.headers.contains(where: { $0.name.lowercased() == newHeader.name.lowercased() }) {
            report(
                DiffRules.responseHeaderAdded,
                "header '\(newHeader.name)' was added to response \(new.status) of '\(id)'",
                at: revision.place(newHeader.address, key: true), note: "the base's response",
                noteAt: base.place(old.address, key: true))
        }
    }
}
