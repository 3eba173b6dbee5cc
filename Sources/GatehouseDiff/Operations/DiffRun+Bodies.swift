import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    mutating func compareRequestBodies(_ before: Operation, _ after: Operation) {
        guard let new = after.requestBody else { return }
        let owner = "the request body of '\(after.id)'"
        guard let old = before.requestBody else {
            if new.required {
                report(
                    DiffRules.requestBodyRequired, "a required request body was added to '\(after.id)'",
                    at: revision.place(new.address), note: "the base's operation has none",
                    noteAt: base.place(before.address, key: true))
            }
            return
        }
        if !old.required && new.required {
            report(
                DiffRules.requestBodyRequired, "\(owner) became required",
                at: revision.place(new.address.appending("required")), note: "optional in the base",
                noteAt: base.place(old.address))
        }
        for oldMedia in old.content {
            guard let newMedia = new.content.first(where: { Self.sameMediaType($0, oldMedia) }) else {
                report(
                    DiffRules.requestMediaTypeRemoved, "\(owner) no longer accepts '\(oldMedia.name)'",
                    at: base.place(oldMedia.address, key: true), note: "the revision's media types",
                    noteAt: revision.place(new.address.appending("content")))
                continue
            }
            if let oldSchema = oldMedia.schema?.address, let newSchema = newMedia.schema?.address {
                let place = SchemaPlace(owner: "the '\(newMedia.name)' request body of '\(after.id)'")
                compareSchemas(oldSchema, newSchema, .request, place)
            }
        }
        for newMedia in new.content where !old.content.contains(where: { Self.sameMediaType($0, newMedia) }) {
            report(
                DiffRules.requestMediaTypeAdded, "\(owner) now accepts '\(newMedia.name)'",
                at: revision.place(newMedia.address, key: true), note: "the base's media types",
                noteAt: base.place(old.address.appending("content")))
        }
    }

    mutating func compareResponses(_ before: Operation, _ after: Operation) {
        for old in before.responses {
            guard let new = after.responses.first(where: { $0.status == old.status }) else {
                let rule =
                    old.status.isSuccess ? DiffRules.responseSuccessStatusRemoved : DiffRules.responseStatusRemoved
                report(
                    rule, "response \(old.status) of '\(after.id)' was removed", at: base.place(old.address, key: true),
                    note: "the revision's responses", noteAt: revision.place(after.address.appending("responses")))
                continue
            }
            compare(old, new)
        }
        for new in after.responses where !before.responses.contains(where: { $0.status == new.status }) {
            let rule = new.status.isSuccess ? DiffRules.responseSuccessStatusAdded : DiffRules.responseStatusAdded
            report(
                rule, "response \(new.status) was added to '\(after.id)'", at: revision.place(new.address, key: true),
                note: "the base's responses", noteAt: base.place(before.address.appending("responses")))
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
    }

    /// Media types match by their parsed type and subtype (parameters and case aside), else as written.
    static func sameMediaType(_ left: MediaType, _ right: MediaType) -> Bool {
        if let l = left.mediaType, let r = right.mediaType {
            return l.type.lowercased() == r.type.lowercased() && l.subtype.lowercased() == r.subtype.lowercased()
        }
        return left.name.lowercased() == right.name.lowercased()
    }
}
