import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// A request body removed is a warning: callers still send it, and Gatehouse's gateway accepts and ignores a body
    /// an operation does not declare (`BodyDecoder`), so the call goes through but what the body said is dropped.
    mutating func compareRequestBodies(_ before: Operation, _ after: Operation) {
        guard let new = after.requestBody else {
            if let old = before.requestBody {
                report(
                    DiffRules.requestBodyRemoved,
                    "the request body of '\(after.id)' was removed; callers still send it and it is ignored",
                    at: base.place(old.address, key: true), note: "the revision's operation",
                    noteAt: revision.place(after.address, key: true))
            }
            return
        }
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

    /// Media types match by their parsed type and subtype (parameters and case aside), else as written.
    static func sameMediaType(_ left: MediaType, _ right: MediaType) -> Bool {
        if let l = left.mediaType, let r = right.mediaType {
            return l.type.lowercased() == r.type.lowercased() && l.subtype.lowercased() == r.subtype.lowercased()
        }
        return left.name.lowercased() == right.name.lowercased()
    }
}
